import { memoryEndpoint } from '@chatwire/testkit'
import { describe, expect, it, vi } from 'vitest'
import { AbortError } from '../errors.js'
import { createChatClient } from './create-chat-client.js'

// The refusal of a reply that is not an event stream is a lazy chunk of an app's bundle, whose load may never
// end (a stalled network).
const loading = await vi.hoisted(async () => (await import('@chatwire/testkit')).stalledLoad())
vi.mock('./not-an-event-stream.js', () => loading.load())

describe('a stream answered with JSON, whose refusing code never loads', () => {
  it('still ends on an abort, with the AbortError', async () => {
    const client = createChatClient(memoryEndpoint(), {
      validate: false,
      fetch: async () => new Response('{"choices":[]}', { headers: { 'content-type': 'application/json' } }),
    })
    const error = await loading.abortDuring<AbortError>(async (signal) => {
      for await (const _event of client.stream(
        { model: 'm', messages: [{ role: 'user', content: 'Hi' }] },
        { signal },
      )) {
        // No event comes.
      }
    })
    expect(error).toBeInstanceOf(AbortError)
    expect(error.reason).toBe('stop')
  })
})
