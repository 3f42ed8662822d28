import { memoryEndpoint, refusedFetch } from '@chatwire/testkit'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { ConnectionError } from '../errors.js'
import { createChatClient } from './create-chat-client.js'

// The retry path is a lazy chunk of an app's bundle, whose load may never end (a stalled network).
const loading = await vi.hoisted(async () => (await import('@chatwire/testkit')).stalledLoad())
vi.mock('./retry-wait.js', () => loading.load())

afterEach(() => {
  vi.useRealTimers()
})

describe('a failure that may be retried, whose retry code never loads, on a call with no timeout', () => {
  it('ends with the failure, not retried, once idleTimeout passes (a minute at least)', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    const refused = refusedFetch()
    const client = createChatClient(memoryEndpoint(), {
      validate: false,
      timeout: 0,
      idleTimeout: 30_000,
      fetch: refused.fetch,
    })
    const { error } = await loading.settlesBetween<unknown, ConnectionError>(
      () => client.complete({ model: 'm', messages: [{ role: 'user', content: 'Hi' }] }),
      59_000,
      2_000,
      vi.advanceTimersByTimeAsync,
    )
    expect(error).toBeInstanceOf(ConnectionError)
    expect(refused.calls).toBe(1)
  })
})
