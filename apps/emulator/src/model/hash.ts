/** FNV-1a, 32 bits: a stable number from a string, for ids and logprobs that repeat from run to run. */
export function hash(text: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  return h >>> 0
}

/** A stable id of `length` base-36 characters derived from `text`. */
export function stableId(text: string, length = 24): string {
  let id = ''
  let salt = 0
  while (id.length < length) id += hash(`${salt++}:${text}`).toString(36)
  return id.slice(0, length)
}
