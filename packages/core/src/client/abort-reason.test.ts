import { memoryEndpoint } from '@chatwire/testkit'
import { describe, expect, it } from 'vitest'
import { AbortError } from '../errors.js'
import { createChatClient } from './create-chat-client.js'

const CHUNK = 'data: {"choices":[{"index":0,"delta":{"content":"Hi"},"finish_reason":null}]}\n\n'

/** A reply that sends one chunk and then waits, with request id `id`. */
function openReply(id: string): Response {
  const body = new ReadableStream<Uint8Array>({
    start(view) {
      view.enqueue(new TextEncoder().encode(CHUNK))
    },
  })
  return new Response(body, { headers: { 'content-type': 'text/event-stream', 'x-request-id': id } })
}

describe('two streams aborted by one signal whose reason is an AbortError', () => {
  it('each ends with its own AbortError (the reason kept), its own reply id, headers and partial', async () => {
    let replies = 0
    const client = createChatClient(memoryEndpoint(), {
      validate: false,
      fetch: async () => openReply(`req-${++replies}`),
    })
    const controller = new AbortController()
    const first = client.stream({ model: 'm', messages: [{ role: 'user', content: 'A' }] }, controller)
    const second = client.stream({ model: 'm', messages: [{ role: 'user', content: 'B' }] }, controller)
    const readers = [first[Symbol.asyncIterator](), second[Symbol.asyncIterator]()]
    for (const reader of readers) await reader.next()
    const reason = new AbortError('The user left')
    controller.abort(reason)
    // Each reader reads on, and meets the abort.
    for (const reader of readers) await expect(reader.next()).rejects.toBeInstanceOf(AbortError)
    const errors = []
    for (const stream of [first, second]) {
      const { outcome, requestId, completion } = await stream.final()
      const error = outcome.type === 'error' ? (outcome.error as AbortError) : undefined
      expect(error).toBeInstanceOf(AbortError)
      expect(error?.reason).toBe(reason)
      expect([error?.requestId, error?.headers?.get('x-request-id')]).toEqual([requestId, requestId])
      expect(error?.partial).toEqual(completion)
      errors.push(error)
    }
    expect(errors[0]).not.toBe(errors[1])
    expect(errors.map((error) => error?.requestId)).toEqual(['req-1', 'req-2'])
    // The caller's own reason is not changed.
    expect([reason.requestId, reason.headers, reason.partial]).toEqual([undefined, undefined, undefined])
  })
})
