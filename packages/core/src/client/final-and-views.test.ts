import { countedFetch, memoryEndpoint } from '@chatwire/testkit'
import { describe, expect, it } from 'vitest'
import { AbortError } from '../errors.js'
import { createChatClient } from './create-chat-client.js'
import { toSSE } from './stream-views.js'

const request = { model: 'm', messages: [{ role: 'user' as const, content: 'Hi' }] }
const EVENTS =
  'data: {"choices":[{"index":0,"delta":{"content":"Hi"},"finish_reason":"stop"}]}\n\ndata: [DONE]\n\n'

function clientOf() {
  const service = countedFetch(
    () => new Response(EVENTS, { headers: { 'content-type': 'text/event-stream' } }),
  )
  return { client: createChatClient(memoryEndpoint(), { validate: false, fetch: service.fetch }), service }
}

describe('final() first, then a view claimed in the same synchronous code', () => {
  it('then stream.abort() before the view is read: final() settles with the AbortError, nothing sent', async () => {
    const { client, service } = clientOf()
    const stream = client.stream(request)
    const result = stream.final()
    const body = toSSE(stream) // a relay's Response body, which a runtime may never pull once the browser left
    stream.abort('the user left')
    const { outcome } = await result
    expect(outcome.type === 'error' && outcome.error).toBeInstanceOf(AbortError)
    expect(outcome.type === 'error' && (outcome.error as AbortError).reason).toBe('the user left')
    expect(service.calls).toBe(0)
    // The view read later ends with the same failure, as an error frame.
    const text = await new Response(body).text()
    expect(text).toMatch(/^event: error\n/)
  })

  it('called twice: one promise, one request', async () => {
    const { client, service } = clientOf()
    const stream = client.stream(request)
    const first = stream.final()
    expect(stream.final()).toBe(first)
    expect((await first).text).toBe('Hi')
    expect(service.calls).toBe(1)
  })
})
