/**
 * The value of a request header: Node gives a list for one sent more than once (`set-cookie`, and any
 * name it does not join), of which the emulator reads the first, as for any other header.
 */
export function firstHeaderValue(value: string | readonly string[] | undefined): string | undefined {
  return typeof value === 'string' || value === undefined ? value : value[0]
}
