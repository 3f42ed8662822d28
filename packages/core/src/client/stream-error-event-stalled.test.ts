import { memoryEndpoint } from '@chatwire/testkit'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { ChatError } from '../errors.js'
import { createChatClient } from './create-chat-client.js'

// The code that reads an error event is a lazy chunk of an app's bundle, whose load may never end.
const loading = await vi.hoisted(async () => (await import('@chatwire/testkit')).stalledLoad())
vi.mock('../error-from-body.js', () => loading.load())

afterEach(() => {
  vi.useRealTimers()
})

const EVENTS =
  'data: {"choices":[{"index":0,"delta":{"content":"Hi"},"finish_reason":null}]}\n\n' +
  'event: error\ndata: {"error":{"message":"overloaded","type":"server_error"}}\n\n'

describe('an error event whose code never loads, on a stream with the default timers', () => {
  it('ends the stream once timeout passes (no read of the body waits meanwhile), the partial kept', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    const client = createChatClient(memoryEndpoint(), {
      validate: false,
      fetch: async () => new Response(EVENTS, { headers: { 'content-type': 'text/event-stream' } }),
    })
    let settled = false
    const result = client.stream({ model: 'm', messages: [{ role: 'user', content: 'Hi' }] }).final()
    void result.finally(() => {
      settled = true
    })
    await loading.started
    await vi.advanceTimersByTimeAsync(9 * 60_000)
    expect(settled).toBe(false)
    await vi.advanceTimersByTimeAsync(2 * 60_000)
    const { outcome, text } = await result
    expect(outcome.type === 'error' && outcome.error).toBeInstanceOf(ChatError)
    expect(outcome.type === 'error' && outcome.error.message).toBe(
      'The stream sent an error, and the code that reads it could not load',
    )
    expect(text).toBe('Hi')
  })
})
