import { memoryEndpoint, refusedFetch, rejection } from '@chatwire/testkit'
import { describe, expect, it, vi } from 'vitest'
import { ConnectionError } from '../errors.js'
import { createChatClient } from './create-chat-client.js'

// The words of an unreachable service are a lazy chunk of an app's bundle, which may fail to load: the case in
// which it most likely does (the network is gone).
vi.mock('./unreachable.js', () => {
  throw new TypeError('Failed to fetch dynamically imported module')
})

describe('a service that cannot be reached, whose describing code does not load', () => {
  it('is still a ConnectionError naming the service, retried as one', async () => {
    const refused = refusedFetch()
    const client = createChatClient(memoryEndpoint(), {
      validate: false,
      maxRetries: 1,
      fetch: refused.fetch,
    })
    const error = await rejection<ConnectionError>(
      client.complete({ model: 'm', messages: [{ role: 'user', content: 'Hi' }] }),
    )
    expect(error).toBeInstanceOf(ConnectionError)
    expect(error.message).toBe('Could not reach memory')
    expect((error.cause as Error).message).toBe('fetch failed')
    expect(refused.calls).toBe(2)
  })
})
