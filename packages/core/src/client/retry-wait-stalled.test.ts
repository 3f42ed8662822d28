import { memoryEndpoint, refusedFetch } from '@chatwire/testkit'
import { describe, expect, it, vi } from 'vitest'
import { AbortError } from '../errors.js'
import { createChatClient } from './create-chat-client.js'

// The retry path is a lazy chunk of an app's bundle, whose load may never end (a stalled network).
const loading = await vi.hoisted(async () => (await import('@chatwire/testkit')).stalledLoad())
vi.mock('./retry-wait.js', () => loading.load())

describe('a failure whose retry code never loads', () => {
  it('still ends on an abort, with the AbortError', async () => {
    const refused = refusedFetch()
    const client = createChatClient(memoryEndpoint(), {
      validate: false,
      fetch: refused.fetch,
    })
    const error = await loading.abortDuring<AbortError>((signal) =>
      client.complete({ model: 'm', messages: [{ role: 'user', content: 'Hi' }] }, { signal }),
    )
    expect(error).toBeInstanceOf(AbortError)
    expect(error.reason).toBe('stop')
  })
})
