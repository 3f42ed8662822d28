import { memoryEndpoint } from '@chatwire/testkit'
import { describe, expect, it, vi } from 'vitest'
import { AbortError } from '../errors.js'
import { createChatClient } from './create-chat-client.js'

// The refusal of a reply that is not a completion is a lazy chunk of an app's bundle, whose load may never
// end (a stalled network).
const loading = await vi.hoisted(async () => (await import('@chatwire/testkit')).stalledLoad())
vi.mock('./not-a-completion.js', () => loading.load())

describe('a complete() answered with HTML, whose refusing code never loads', () => {
  it('still ends on an abort, with the AbortError', async () => {
    const client = createChatClient(memoryEndpoint(), {
      validate: false,
      fetch: async () => new Response('<html>sign in</html>', { headers: { 'content-type': 'text/html' } }),
    })
    const error = await loading.abortDuring<AbortError>((signal) =>
      client.complete({ model: 'm', messages: [{ role: 'user', content: 'Hi' }] }, { signal }),
    )
    expect(error).toBeInstanceOf(AbortError)
    expect(error.reason).toBe('stop')
  })
})
