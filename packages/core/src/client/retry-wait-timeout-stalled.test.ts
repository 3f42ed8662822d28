import { refusedFetch, rejection } from '@chatwire/testkit'
import { describe, expect, it, vi } from 'vitest'
import { ConnectionError } from '../errors.js'
import { createChatClient } from './create-chat-client.js'

// The retry path is a lazy chunk of an app's bundle, whose load may never end (a stalled network).
vi.mock('./retry-wait.js', () => new Promise(() => {}))

describe('a failure that may be retried, whose retry code never loads, on a call without a signal', () => {
  it('ends within the timeout with the failure, not retried', async () => {
    const refused = refusedFetch()
    const client = createChatClient(
      { name: 'memory', prepare: (body) => ({ url: 'http://memory.invalid/', headers: {}, body }) },
      {
        validate: false,
        timeout: 50,
        fetch: refused.fetch,
      },
    )
    const error = await rejection<ConnectionError>(
      client.complete({ model: 'm', messages: [{ role: 'user', content: 'Hi' }] }),
    )
    expect(error).toBeInstanceOf(ConnectionError)
    expect(refused.calls).toBe(1)
  })
})
