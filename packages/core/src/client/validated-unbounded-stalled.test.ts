import { countedFetch, memoryEndpoint } from '@chatwire/testkit'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { AbortError } from '../errors.js'
import { createChatClient } from './create-chat-client.js'

// Request validation is a lazy chunk of an app's bundle, whose load may never end (a stalled network).
const loading = await vi.hoisted(async () => (await import('@chatwire/testkit')).stalledLoad())
vi.mock('../validate-request.js', () => loading.load())

afterEach(() => {
  vi.useRealTimers()
})

describe('validation whose code never loads, on a call with neither timeout nor idleTimeout', () => {
  it('waits as the call asked (no limit at all), until its signal aborts it', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    const service = countedFetch(() => new Response('{}'))
    const client = createChatClient(memoryEndpoint(), {
      timeout: Number.POSITIVE_INFINITY,
      idleTimeout: 0,
      fetch: service.fetch,
    })
    const controller = new AbortController()
    let settled = false
    const pending = client
      .complete({ model: 'm', messages: [{ role: 'user', content: 'Hi' }] }, { signal: controller.signal })
      .catch((error: unknown) => error)
      .finally(() => {
        settled = true
      })
    await loading.started
    await vi.advanceTimersByTimeAsync(7 * 24 * 3_600_000)
    expect(settled).toBe(false)
    controller.abort('enough')
    const error = await pending
    expect(error).toBeInstanceOf(AbortError)
    expect(service.calls).toBe(0)
  })
})
