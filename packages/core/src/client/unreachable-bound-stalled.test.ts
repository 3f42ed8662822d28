import { memoryEndpoint, refusedFetch } from '@chatwire/testkit'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { ConnectionError } from '../errors.js'
import { createChatClient } from './create-chat-client.js'

// The words of a fetch that failed are a lazy chunk of an app's bundle, whose load may never end.
const loading = await vi.hoisted(async () => (await import('@chatwire/testkit')).stalledLoad())
vi.mock('./unreachable.js', () => loading.load())

afterEach(() => {
  vi.useRealTimers()
})

describe('a refused fetch whose words never load, on a call with no timeout', () => {
  it('is the ConnectionError that says less, once idleTimeout passes (a minute at least)', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    const refused = refusedFetch()
    const client = createChatClient(memoryEndpoint(), {
      validate: false,
      maxRetries: 0,
      timeout: Number.POSITIVE_INFINITY,
      idleTimeout: 90_000,
      fetch: refused.fetch,
    })
    const { error } = await loading.settlesBetween<unknown, ConnectionError>(
      () => client.complete({ model: 'm', messages: [{ role: 'user', content: 'Hi' }] }),
      89_000,
      2_000,
      vi.advanceTimersByTimeAsync,
    )
    expect(error).toBeInstanceOf(ConnectionError)
    expect(error?.message).toBe('Could not reach memory')
  })
})
