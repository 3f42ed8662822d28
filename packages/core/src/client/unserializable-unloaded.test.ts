import { countedFetch, memoryEndpoint, rejection } from '@chatwire/testkit'
import { describe, expect, it, vi } from 'vitest'
import { InvalidRequestError } from '../errors.js'
import { createChatClient } from './create-chat-client.js'

// The search for an unserialisable field is a lazy chunk of an app's bundle, which may fail to load.
vi.mock('./unserializable.js', () => {
  throw new TypeError('Failed to fetch dynamically imported module')
})

describe('a body that cannot be serialised, whose describing code does not load', () => {
  it('is still an InvalidRequestError, nothing sent', async () => {
    const service = countedFetch(() => new Response('{}'))
    const client = createChatClient(memoryEndpoint({ extraBody: { n: 1n } }), {
      validate: false,
      fetch: service.fetch,
    })
    const error = await rejection<InvalidRequestError>(
      client.complete({ model: 'm', messages: [{ role: 'user', content: 'Hi' }] }),
    )
    expect(error).toBeInstanceOf(InvalidRequestError)
    expect(error.message).toBe('The request cannot be serialised as JSON')
    expect(service.calls).toBe(0)
  })
})
