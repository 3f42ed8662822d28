import { memoryEndpoint, rejection } from '@chatwire/testkit'
import { describe, expect, it } from 'vitest'
import { createChatClient } from './create-chat-client.js'
import { exchangeEvent } from './hooks.js'
import { createRedactor, secretQueryValues } from './redaction.js'

const KEY = 'Wd3-hook-unit-credential'
const request = { model: 'm', messages: [{ role: 'user' as const, content: 'Hi' }] }

describe('exchangeEvent', () => {
  it('redacts the query values of a URL that are credentials, as a call knows them, and the headers', () => {
    const url = `https://gw.example/v1?code=abc&team=a&x=${KEY}&note=a-s3cr`
    // A call knows the endpoint's secrets and notes those of the URL it prepared (`secretQueryValues`).
    const redact = createRedactor(() => [KEY, 's3cr', ...secretQueryValues(url)])
    const event = exchangeEvent(
      { attempt: 1, method: 'POST', url, headers: new Headers({ 'api-key': 'k', accept: 'text/plain' }) },
      redact,
    )
    expect(event).toMatchObject({
      attempt: 1,
      method: 'POST',
      url: 'https://gw.example/v1?code=[redacted]&team=a&x=[redacted]&note=a-%5Bredacted%5D',
    })
    expect(Object.fromEntries(event.headers)).toEqual({ 'api-key': '[redacted]', accept: 'text/plain' })
  })

  it('redacts a query name that is a credential: a bare key (`?<key>`), known or shaped like one', () => {
    const shaped = 'sk-proj-bareQueryKey0123456789abcdef'
    const redact = createRedactor(() => [KEY])
    const event = exchangeEvent(
      { url: `https://gw.example/v1?${KEY}&${shaped}`, headers: new Headers() },
      redact,
    )
    // A known secret goes whole; a key found by its shape keeps its prefix, as everywhere (`sk-[redacted]`).
    expect(event.url).toBe('https://gw.example/v1?[redacted]=&sk-%5Bredacted%5D=')
  })

  it('redacts a bare key cut by its `=` padding, and a long bare key the call noted from its URL', () => {
    // A short key known to the endpoint, whose padding URLSearchParams takes for the value.
    const padded = 'c2VjcmV0eA=='
    const bare = 'Zq7wT2mXk9Lp4Rv8Nc3Bh6Yd1Fs5Ja0Ue7GiKt5W'
    const url = `https://gw.example/v1?${padded}&${bare}&team=a`
    const redact = createRedactor(() => [padded, ...secretQueryValues(url)])
    const event = exchangeEvent({ url, headers: new Headers() }, redact)
    expect(event.url).toBe('https://gw.example/v1?[redacted]&[redacted]=&team=a')
  })

  it('cleans a URL it cannot parse as a text', () => {
    const redact = createRedactor(() => [KEY])
    const event = exchangeEvent({ url: `not a url ${KEY}`, headers: new Headers() }, redact)
    expect(event.url).toBe('not a url [redacted]')
  })
})

describe('an onResponse hook that throws', () => {
  it('fails the call with its error and frees the reply, whose body no reader took', async () => {
    let cancelled = false
    const failure = new Error('the hook failed')
    const client = createChatClient(memoryEndpoint(), {
      validate: false,
      maxRetries: 0,
      onResponse: () => {
        throw failure
      },
      fetch: async () =>
        new Response(
          new ReadableStream({
            cancel() {
              cancelled = true
            },
          }),
          { headers: { 'content-type': 'text/event-stream' } },
        ),
    })
    const error = await rejection<Error>(client.complete(request))
    expect(error).toMatchObject({ name: 'ChatError', message: expect.stringContaining('the hook failed') })
    expect(cancelled).toBe(true)
  })
})
