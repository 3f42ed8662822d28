// Replies that would hurt a client that trusts them: a 200 that is not an event stream, a line that never ends,
// a chunk that parses but cannot be encoded again. Each gives a typed error that keeps the partial, and ends.
import {
  type ChatError,
  type ChatRequest,
  createChatClient,
  decodeSSE,
  MalformedStreamError,
  readChunks,
  StreamLimitError,
  toSSE,
} from '@chatwire/core'
import { rejection } from '@chatwire/testkit'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { eventStream, frame, RAW_KEY, type RawServer, startRawServer } from './raw-server.js'

let raw: RawServer
beforeAll(async () => {
  raw = await startRawServer()
})
afterAll(() => raw.close())

const ask: ChatRequest = { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] }
const client = () => createChatClient(raw.endpoint, { maxRetries: 0 })

/** Iterates to the end or the error; the error and final()'s result. */
async function read(stream: ReturnType<ReturnType<typeof client>['stream']>) {
  let thrown: ChatError | undefined
  try {
    for await (const _event of stream) {
      // Every event is taken.
    }
  } catch (error) {
    thrown = error as ChatError
  }
  return { thrown, result: await stream.final() }
}

describe('a stream reply that is not text/event-stream', () => {
  it.each([
    [
      'an HTML page',
      'text/html; charset=utf-8',
      '<html><body>Welcome to the portal, SECRET-PAGE</body></html>',
    ],
    [
      'a JSON completion',
      'application/json',
      JSON.stringify({ choices: [{ message: { content: 'SECRET-PAGE' } }] }),
    ],
    ['data: frames under the wrong type', 'text/plain', frame({ content: 'SECRET-PAGE' })],
  ])(
    '%s is a MalformedStreamError that names the content type, never the body',
    async (_name, type, body) => {
      raw.reply((response) => {
        response.writeHead(200, { 'content-type': type })
        response.end(body)
      })
      const { thrown, result } = await read(client().stream(ask))
      expect(thrown).toBeInstanceOf(MalformedStreamError)
      expect(thrown?.message).toBe(
        `raw server answered the stream request with content-type ${type}, not text/event-stream`,
      )
      expect(thrown?.status).toBe(200)
      expect(JSON.stringify([thrown?.message, thrown?.stack])).not.toContain('SECRET-PAGE')
      expect(result.outcome).toMatchObject({ type: 'error', error: thrown })
    },
  )

  it('is refused when there is no content type at all', async () => {
    raw.reply((response) => {
      response.removeHeader('content-type')
      response.writeHead(200)
      response.end(frame({ content: 'x' }))
    })
    const { thrown } = await read(client().stream(ask))
    expect(thrown?.message).toBe(
      'raw server answered the stream request with no content-type, not text/event-stream',
    )
  })

  it('takes any case and parameters of text/event-stream', async () => {
    raw.reply((response) => {
      response.writeHead(200, { 'content-type': 'Text/Event-Stream ; charset=UTF-8' })
      response.end(`${frame({ content: 'ok' })}${frame({}, 'stop')}data: [DONE]\n\n`)
    })
    const { thrown, result } = await read(client().stream(ask))
    expect({ thrown, type: result.outcome.type, text: result.text }).toEqual({
      thrown: undefined,
      type: 'stop',
      text: 'ok',
    })
  })
})

describe('a line that never ends', () => {
  /** A chunk, then a data line that goes on until the client leaves. */
  function endless(): void {
    raw.reply((response) => {
      eventStream(response)
      response.write(frame({ role: 'assistant', content: 'Hel' }))
      response.write('data: "')
      const piece = 'x'.repeat(64 * 1024)
      const pump = () => {
        while (!response.destroyed && response.write(piece)) {
          // Until the socket's buffer is full.
        }
        if (!response.destroyed) response.once('drain', pump)
      }
      pump()
    })
  }

  it('stops at maxEventLength with a StreamLimitError that keeps the partial, and hangs up', async () => {
    endless()
    const { thrown, result } = await read(client().stream(ask, { maxEventLength: 256 * 1024 }))
    expect(thrown).toBeInstanceOf(StreamLimitError)
    expect(thrown).toMatchObject({ name: 'StreamLimitError', limit: 'line', max: 256 * 1024 })
    expect(thrown?.partial?.choices[0]?.message.content).toBe('Hel')
    expect(result.outcome).toMatchObject({ type: 'error', error: thrown })
    await raw.clientLeft()
  })

  it('stops at the limit on the decode path too', async () => {
    endless()
    const { url } = await raw.endpoint.prepare(ask, { stream: true, signal: new AbortController().signal })
    const body = (await fetch(url, { method: 'POST', body: '{}' })).body as ReadableStream<Uint8Array>
    const error = await rejection<ChatError>(
      (async () => {
        for await (const _chunk of readChunks(decodeSSE(body, { maxLineLength: 128 * 1024 }))) {
          // Until the limit.
        }
      })(),
    )
    expect(error).toMatchObject({ name: 'StreamLimitError', limit: 'line', max: 128 * 1024 })
    await raw.clientLeft()
  })

  it('refuses a maxEventLength below 1 when the call is made', () => {
    expect(() => client().stream(ask, { maxEventLength: 0 })).toThrow(RangeError)
  })
})

describe('a chunk that parses but cannot be encoded again', () => {
  const depth = 100_000
  const deep = `{"x":${'['.repeat(depth)}${']'.repeat(depth)}}`

  it('ends toSSE() with a redacted error frame and settles final() with the error', async () => {
    raw.reply((response) => {
      eventStream(response)
      const nested = frame({ content: 'Hel' }).replace('"choices"', `"deep":${deep},"choices"`)
      response.end(
        `${frame({ role: 'assistant', content: 'Hi' })}${nested}${frame({}, 'stop')}data: [DONE]\n\n`,
      )
    })
    const stream = client().stream(ask)
    const relayed = await new Response(toSSE(stream)).text()
    const events = []
    for await (const event of decodeSSE(new Response(relayed).body as ReadableStream<Uint8Array>))
      events.push(event)
    expect(events.map((event) => event.event ?? 'chunk')).toEqual(['chunk', 'error'])
    const frameError = JSON.parse(events[1]?.data ?? '{}').error
    expect(frameError).toMatchObject({
      chatwire_error: 'MalformedStreamError',
      message: 'A chunk of the stream could not be encoded again to relay it (RangeError)',
    })
    expect(relayed).not.toContain(RAW_KEY)
    const result = await stream.final()
    expect(result.outcome).toMatchObject({ type: 'error', error: { name: 'MalformedStreamError' } })
    // The chunk was taken before the relay failed on it: the partial has its text.
    expect(result.completion.choices[0]?.message.content).toBe('HiHel')
  })
})
