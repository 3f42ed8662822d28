import { memoryEndpoint, rejection } from '@chatwire/testkit'
import { describe, expect, it } from 'vitest'
import { MalformedStreamError } from '../errors.js'
import { createChatClient } from './create-chat-client.js'

const request = { model: 'm', messages: [{ role: 'user' as const, content: 'Hi' }] }
const EVENTS = 'data: {"choices":[{"index":0,"delta":{"content":"Hi"},"finish_reason":"stop"}]}\n\n'

/** A client whose every reply is `body` with the given content type. */
function clientAnswering(type: string, body: string) {
  return createChatClient(memoryEndpoint(), {
    validate: false,
    fetch: async () => new Response(body, { headers: { 'content-type': type } }),
  })
}

describe('which replies are event streams: complete() and stream() agree', () => {
  it.each(['text/event-stream', 'Text/Event-Stream; charset=utf-8', ' text/event-stream ;x=1'])(
    '%j is one: stream() reads it, complete() says the route only streams',
    async (type) => {
      const { outcome, text } = await clientAnswering(type, EVENTS).stream(request).final()
      expect([outcome.type, text]).toEqual(['stop', 'Hi'])
      const error = await rejection<MalformedStreamError>(clientAnswering(type, EVENTS).complete(request))
      expect(error).toBeInstanceOf(MalformedStreamError)
      expect(error.message).toMatch(/^The reply is an event stream \(text\/event-stream\)/)
    },
  )

  it.each(['text/event-streams', 'text/event-stream-json'])(
    '%j is not: stream() refuses it, complete() reads it as the JSON it is not',
    async (type) => {
      const { outcome } = await clientAnswering(type, EVENTS).stream(request).final()
      expect(outcome.type === 'error' && outcome.error.message).toBe(
        `memory answered the stream request with content-type ${type}, not text/event-stream`,
      )
      const error = await rejection<MalformedStreamError>(clientAnswering(type, EVENTS).complete(request))
      expect(error.message).toBe(`The reply is not valid JSON (${EVENTS.length} characters)`)
    },
  )
})
