import { memoryEndpoint } from '@chatwire/testkit'
import { describe, expect, it, vi } from 'vitest'
import { AbortError } from '../errors.js'
import { createChatClient } from './create-chat-client.js'

// complete()'s reading of a reply is a lazy chunk of an app's bundle, whose load may never end (a stalled network).
const loading = await vi.hoisted(async () => (await import('@chatwire/testkit')).stalledLoad())
vi.mock('./read-completion.js', () => loading.load())

describe('a complete() whose reading code never loads', () => {
  it('still ends on an abort (a timeout aborts the same signal), with the AbortError, the reply freed', async () => {
    let cancelled = 0
    const client = createChatClient(memoryEndpoint(), {
      validate: false,
      maxRetries: 0,
      fetch: async () => {
        const body = new ReadableStream<Uint8Array>({
          start: (controller) => controller.enqueue(new TextEncoder().encode('{"choices":')),
          cancel: () => void cancelled++,
        })
        return new Response(body, { headers: { 'content-type': 'application/json' } })
      },
    })
    const error = await loading.abortDuring<AbortError>((signal) =>
      client.complete({ model: 'm', messages: [{ role: 'user', content: 'Hi' }] }, { signal }),
    )
    expect(error).toBeInstanceOf(AbortError)
    expect(error.reason).toBe('stop')
    expect(cancelled).toBe(1)
  })
})
