import { memoryEndpoint } from '@chatwire/testkit'
import { describe, expect, it, vi } from 'vitest'
import { AbortError } from '../errors.js'
import { createChatClient } from './create-chat-client.js'

// The code that reads an error event is a lazy chunk of an app's bundle, whose load may never end.
const loading = await vi.hoisted(async () => (await import('@chatwire/testkit')).stalledLoad())
vi.mock('../error-from-body.js', () => loading.load())

const EVENTS =
  'data: {"choices":[{"index":0,"delta":{"content":"Hi"},"finish_reason":null}]}\n\n' +
  'event: error\ndata: {"error":{"message":"overloaded","type":"server_error"}}\n\n'

describe('an error event whose code never loads, on a stream that is aborted meanwhile', () => {
  it('ends with the AbortError at once, the partial kept', async () => {
    const client = createChatClient(memoryEndpoint(), {
      validate: false,
      fetch: async () => new Response(EVENTS, { headers: { 'content-type': 'text/event-stream' } }),
    })
    const stream = client.stream({ model: 'm', messages: [{ role: 'user', content: 'Hi' }] })
    const result = stream.final()
    await loading.started
    stream.abort('enough')
    const { outcome, text } = await result
    expect(outcome.type === 'error' && outcome.error).toBeInstanceOf(AbortError)
    expect(outcome.type === 'error' && (outcome.error as AbortError).reason).toBe('enough')
    expect(text).toBe('Hi')
  })
})
