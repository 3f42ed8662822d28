import { memoryEndpoint } from '@chatwire/testkit'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { MalformedStreamError } from '../errors.js'
import { createChatClient } from './create-chat-client.js'

// The refusal of a reply that is not an event stream is a lazy chunk of an app's bundle, whose load may never
// end (a stalled network).
const loading = await vi.hoisted(async () => (await import('@chatwire/testkit')).stalledLoad())
vi.mock('./not-an-event-stream.js', () => loading.load())

afterEach(() => {
  vi.useRealTimers()
})

describe('a stream answered with JSON, whose refusing code never loads, without a signal', () => {
  it('ends with a MalformedStreamError once the load had its minute', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    const client = createChatClient(memoryEndpoint(), {
      validate: false,
      timeout: 50,
      fetch: async () => new Response('{"choices":[]}', { headers: { 'content-type': 'application/json' } }),
    })
    const result = client.stream({ model: 'm', messages: [{ role: 'user', content: 'Hi' }] }).final()
    // Time stands still until the load began (what comes before it runs in real time, module loads included).
    await loading.started
    await vi.advanceTimersByTimeAsync(61_000)
    const { outcome } = await result
    expect(outcome.type === 'error' && outcome.error).toBeInstanceOf(MalformedStreamError)
    expect(outcome.type === 'error' && outcome.error.message).toBe(
      'The reply of memory is not an event stream',
    )
  })
})
