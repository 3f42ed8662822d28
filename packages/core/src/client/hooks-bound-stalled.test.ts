import { countedFetch, memoryEndpoint } from '@chatwire/testkit'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { ChatError } from '../errors.js'
import { createChatClient } from './create-chat-client.js'

// The hooks' code is a lazy chunk of an app's bundle, whose load may never end (a stalled network).
const loading = await vi.hoisted(async () => (await import('@chatwire/testkit')).stalledLoad())
vi.mock('./hooks.js', () => loading.load())

afterEach(() => {
  vi.useRealTimers()
})

describe('hooks whose code never loads, on a call with no timeout and no signal', () => {
  it('end the call once idleTimeout passes (no call hangs forever by default), nothing sent', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    const service = countedFetch(() => new Response('{}'))
    const client = createChatClient(memoryEndpoint(), {
      validate: false,
      timeout: Number.POSITIVE_INFINITY,
      idleTimeout: 90_000,
      onRequest: () => {},
      fetch: service.fetch,
    })
    let settled = false
    const result = client.stream({ model: 'm', messages: [{ role: 'user', content: 'Hi' }] }).final()
    void result.finally(() => {
      settled = true
    })
    // Time stands still until the load began (what comes before it runs in real time, module loads included).
    await loading.started
    await vi.advanceTimersByTimeAsync(89_000)
    expect(settled).toBe(false)
    await vi.advanceTimersByTimeAsync(2_000)
    const { outcome } = await result
    expect(outcome.type === 'error' && outcome.error).toBeInstanceOf(ChatError)
    expect(outcome.type === 'error' && outcome.error.message).toBe(
      'The memory hooks could not load (a chunk of the app that did not load)',
    )
    expect(service.calls).toBe(0)
  })
})
