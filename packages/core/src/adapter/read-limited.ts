/** What {@link readLimited} read of a body. */
export interface LimitedBody {
  /** The body's text (UTF-8), or its first `maxBytes` bytes when it was longer. */
  text: string
  /** How many bytes were kept. */
  bytes: number
  /** The body went past `maxBytes`: what follows was not read (the body was cancelled). */
  truncated: boolean
}

/**
 * Reads a body up to `maxBytes`, counting as it reads (after decompression: `fetch` inflates), and cancels
 * it past the limit, so that a reply that inflates to gigabytes, or never ends, costs at most `maxBytes`.
 * A `Response.text()` would hold the whole body first (and V8 aborts the process past its string limit).
 */
export async function readLimited(
  body: ReadableStream<Uint8Array> | null,
  maxBytes: number,
): Promise<LimitedBody> {
  if (body === null) return { text: '', bytes: 0, truncated: false }
  const reader = body.getReader()
  // One decoder for the pieces as they come: a character split between two pieces is decoded whole, and one
  // cut at the limit becomes U+FFFD.
  const decoder = new TextDecoder()
  let text = ''
  let bytes = 0
  let truncated = false
  try {
    while (true) {
      const { done, value } = await reader.read()
      if (done) break
      const room = maxBytes - bytes
      if (value.byteLength > room) {
        text += decoder.decode(value.subarray(0, room), { stream: true })
        bytes += room
        truncated = true
        break
      }
      text += decoder.decode(value, { stream: true })
      bytes += value.byteLength
    }
  } finally {
    if (truncated) void reader.cancel().catch(() => {})
    else reader.releaseLock()
  }
  return { text: text + decoder.decode(), bytes, truncated }
}
