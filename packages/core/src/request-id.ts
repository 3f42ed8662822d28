const REQUEST_ID_HEADERS = ['x-request-id', 'apim-request-id', 'x-ms-request-id'] as const

/** The service's request id in `headers`, from the first of the headers services use for it. */
export function requestIdOf(headers: Headers | undefined): string | undefined {
  for (const name of REQUEST_ID_HEADERS) {
    const value = headers?.get(name)
    if (value) return value
  }
  return undefined
}
