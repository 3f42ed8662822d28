import { memoryEndpoint } from '@chatwire/testkit'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { ConnectionError } from '../errors.js'
import { createChatClient } from './create-chat-client.js'

// The judge of a redirect is a lazy chunk of an app's bundle, whose load may never end.
const loading = await vi.hoisted(async () => (await import('@chatwire/testkit')).stalledLoad())
vi.mock('./redirect-target.js', () => loading.load())

afterEach(() => {
  vi.useRealTimers()
})

describe('a redirect whose judge never loads, on a call with no timeout', () => {
  it('is a ConnectionError once idleTimeout passes (a minute at least), the redirect not followed', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    const urls: string[] = []
    const client = createChatClient(memoryEndpoint(), {
      validate: false,
      maxRetries: 0,
      timeout: Number.POSITIVE_INFINITY,
      idleTimeout: 90_000,
      fetch: async (url) => {
        urls.push(url)
        return new Response(null, { status: 307, headers: { location: 'http://memory.invalid/other' } })
      },
    })
    const { error } = await loading.settlesBetween<unknown, ConnectionError>(
      () => client.complete({ model: 'm', messages: [{ role: 'user', content: 'Hi' }] }),
      89_000,
      2_000,
      vi.advanceTimersByTimeAsync,
    )
    expect(error).toBeInstanceOf(ConnectionError)
    expect(urls).toEqual(['http://memory.invalid/'])
  })
})
