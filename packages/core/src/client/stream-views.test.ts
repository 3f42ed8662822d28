import { describe, expect, it } from 'vitest'
import type { ChatStream } from './chat-stream.js'
import { toReadableStream, toSSE } from './stream-views.js'

// The views over a real stream (read once, cancel aborts, the relayed bytes) are tested over HTTP in
// packages/integration; here, what they do with a ChatStream that no chatwire client made.
describe('the views of a stream', () => {
  const foreign: ChatStream = {
    async *[Symbol.asyncIterator]() {},
    final: () => Promise.reject(new Error('not called')),
    abort: () => {},
  }

  it("refuse a stream that is not a chatwire client's, naming the view", () => {
    expect(() => toSSE(foreign)).toThrow(
      new TypeError("toSSE() takes a stream from a chatwire client's stream()"),
    )
    expect(() => toReadableStream(foreign)).toThrow(
      /^toReadableStream\(\) takes a stream from a chatwire client/,
    )
  })
})
