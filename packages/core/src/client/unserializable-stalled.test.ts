import { countedFetch, memoryEndpoint } from '@chatwire/testkit'
import { describe, expect, it, vi } from 'vitest'
import { AbortError } from '../errors.js'
import { createChatClient } from './create-chat-client.js'

// The search for an unserialisable field is a lazy chunk of an app's bundle, whose load may never end.
const loading = await vi.hoisted(async () => (await import('@chatwire/testkit')).stalledLoad())
vi.mock('./unserializable.js', () => loading.load())

describe('a body that cannot be serialised, whose describing code never loads', () => {
  it('still ends on an abort, with the AbortError, nothing sent', async () => {
    const service = countedFetch(() => new Response('{}'))
    const client = createChatClient(memoryEndpoint({ extraBody: { n: 1n } }), {
      validate: false,
      fetch: service.fetch,
    })
    const error = await loading.abortDuring<AbortError>((signal) =>
      client.complete({ model: 'm', messages: [{ role: 'user', content: 'Hi' }] }, { signal }),
    )
    expect(error).toBeInstanceOf(AbortError)
    expect(service.calls).toBe(0)
  })
})
