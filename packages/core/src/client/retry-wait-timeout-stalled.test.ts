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

describe('a failure that may be retried, whose retry code never loads, on a call without a signal', () => {
  it('ends with the failure, not retried, once the load had its minute (more than a short timeout)', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    const refused = refusedFetch()
    const client = createChatClient(memoryEndpoint(), { validate: false, timeout: 50, fetch: refused.fetch })
    // Time stands still until the load begins (what comes before it runs in real time, module loads included).
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
