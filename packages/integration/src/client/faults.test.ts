import {
  AuthenticationError,
  type ChatClientOptions,
  type ChatError,
  type ChatRequest,
  type ChatResult,
  ConnectionError,
  ContentFilterError,
  createChatClient,
  type DeltaEvent,
  MalformedStreamError,
  NotFoundError,
  RateLimitError,
  ServerError,
  TimeoutError,
  toSSE,
} from '@chatwire/core'
import { useEmulator } from '@chatwire/emulator/testing'
import { rejection } from '@chatwire/testkit'
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { emulatorEndpoint } from '../emulator-endpoint.js'

const emulator = useEmulator({ hooks: { beforeAll, afterAll, beforeEach } })

const endpoint = emulatorEndpoint(() => emulator.current.url, 'sk-test-0123456789abcdef')

// Short retry delays: the faults are about what happens, not how long it waits.
const client = (options: ChatClientOptions = {}) =>
  createChatClient(endpoint, { maxRetryDelay: 50, ...options })
const fault = (spec: string) => ({ headers: { 'x-emulator-fault': spec } })
let key = 0
/** fail_then_succeed counts per key: a fresh key per use. */
const failFirst = (spec: string) => ({
  headers: { 'x-emulator-fault': `fail_then_succeed;${spec}`, 'x-emulator-fault-key': `k${++key}` },
})

const hello: ChatRequest = {
  model: 'gpt-4o-mini',
  messages: [{ role: 'user', content: 'one two three four five six' }],
}
const FULL_TEXT = 'You said: one two three four five six'

/** Reads a stream to its end or its error: what a consumer saw, what it threw, what final() said. */
async function read(stream: AsyncIterable<DeltaEvent> & { final(): Promise<ChatResult> }) {
  const events: DeltaEvent[] = []
  let thrown: ChatError | undefined
  try {
    for await (const event of stream) events.push(event)
  } catch (error) {
    thrown = error as ChatError
  }
  const seen = events.map((event) => (event.type === 'content.delta' ? event.delta : '')).join('')
  return { events, seen, thrown, result: await stream.final() }
}

const statuses = () => emulator.current.requests.map((request) => request.status)

describe('retried faults', () => {
  it.each([
    ['retry-after-ms', 'header=retry-after-ms;retry_after_ms=20'],
    ['x-ms-retry-after-ms', 'header=x-ms-retry-after-ms;retry_after_ms=20'],
    ['retry-after (seconds)', 'header=retry-after;retry_after_ms=0'],
    ['the message ("try again in 0.02s")', 'header=none;retry_after_ms=20'],
  ])('429 with %s: retried, then the reply', async (_name, params) => {
    const { completion } = await client().complete(hello, failFirst(`with=rate_limit;${params}`))
    expect(completion.choices[0]?.message.content).toBe(FULL_TEXT)
    expect(statuses()).toEqual([429, 200])
  })

  it('429 every time: RateLimitError after maxRetries retries, with the hint', async () => {
    const error = await rejection<ChatError>(
      client({ maxRetries: 1 }).complete(hello, fault('rate_limit;retry_after_ms=10')),
    )
    expect(error).toBeInstanceOf(RateLimitError)
    expect(error).toMatchObject({ status: 429, retryAfterMs: 10, code: 'rate_limit_exceeded' })
    expect(error.requestId).toMatch(/^[0-9a-f-]{36}$/)
    expect(statuses()).toEqual([429, 429])
  })

  it('a 429 asking for longer than maxRetryDelay is thrown at once', async () => {
    const error = await rejection<ChatError>(
      client({ maxRetryDelay: 1000 }).complete(hello, fault('rate_limit;retry_after_ms=20000')),
    )
    expect(error).toMatchObject({ name: 'RateLimitError', retryAfterMs: 20000 })
    expect(statuses()).toEqual([429])
  })

  it.each([
    ['500', 'server_error', 500],
    ['502', 'server_error;status=502', 502],
    ['503', 'server_error;status=503', 503],
    ['an HTML error page', 'html_error', 502],
  ])('%s every time: ServerError after 2 retries', async (_name, spec, status) => {
    const error = await rejection<ChatError>(client().complete(hello, fault(spec)))
    expect(error).toBeInstanceOf(ServerError)
    expect(error.status).toBe(status)
    expect(statuses()).toEqual([status, status, status])
  })

  it('an HTML error page gives a short message, not the page', async () => {
    const error = await rejection<ChatError>(client({ maxRetries: 0 }).complete(hello, fault('html_error')))
    expect(error.message).toMatch(/^502 Bad Gateway: the service answered with an HTML page/)
    expect(error.message).not.toContain('<')
  })

  it('a reset before the headers is retried as a connection error', async () => {
    const { completion } = await client().complete(hello, failFirst('with=reset'))
    expect(completion.choices[0]?.message.content).toBe(FULL_TEXT)
    expect(statuses()).toEqual([0, 200])
    const error = await rejection<ChatError>(client().complete(hello, fault('reset')))
    expect(error).toBeInstanceOf(ConnectionError)
    expect(error.message).toMatch(/^Could not reach emulator at http:\/\/127\.0\.0\.1:\d+: fetch failed/)
    expect(error.cause).toBeInstanceOf(Error)
  })

  it('a stream retried before it began shows each piece of text once', async () => {
    const stream = client().stream(hello, failFirst('with=server_error;status=503;times=2'))
    const { seen, thrown, result } = await read(stream)
    expect(thrown).toBeUndefined()
    expect(seen).toBe(FULL_TEXT)
    expect(result.completion.choices[0]?.message.content).toBe(FULL_TEXT)
    expect(statuses()).toEqual([503, 503, 200])
  })
})

describe('faults that are thrown at once', () => {
  it('401: AuthenticationError, not retried', async () => {
    const error = await rejection<ChatError>(client().complete(hello, fault('unauthorized')))
    expect(error).toBeInstanceOf(AuthenticationError)
    expect(error).toMatchObject({ status: 401, code: 'invalid_api_key' })
    expect((error as ChatError).headers?.get('x-request-id')).toBe(error.requestId)
    expect(statuses()).toEqual([401])
  })

  it('404: NotFoundError', async () => {
    const error = await rejection<ChatError>(client().complete(hello, fault('not_found')))
    expect(error).toBeInstanceOf(NotFoundError)
    expect(error).toMatchObject({ status: 404, code: 'model_not_found' })
    expect(statuses()).toEqual([404])
  })

  it('a 400 content filter on the prompt: ContentFilterError, streamed or not', async () => {
    const error = await rejection<ChatError>(client().complete(hello, fault('content_filter_prompt')))
    expect(error).toBeInstanceOf(ContentFilterError)
    expect(error.status).toBe(400)
    const { thrown, result, events } = await read(client().stream(hello, fault('content_filter_prompt')))
    expect(events).toEqual([])
    expect(thrown).toBeInstanceOf(ContentFilterError)
    expect(thrown?.partial).toBeUndefined()
    expect(result.outcome).toMatchObject({ type: 'error', error: thrown })
    expect(statuses()).toEqual([400, 400])
  })

  it('a completion cut by the content filter: outcome content_filter with what came before', async () => {
    const { completion: whole } = await client().complete(hello, fault('content_filter_completion;after=2'))
    expect(whole.choices[0]).toMatchObject({
      finish_reason: 'content_filter',
      message: { content: 'You said' },
    })
    const { seen, thrown, result } = await read(
      client().stream(hello, fault('content_filter_completion;after=2')),
    )
    expect(thrown).toBeUndefined()
    expect(seen).toBe('You said')
    expect(result.outcome.type).toBe('content_filter')
  })
})

describe('faults once the stream began: thrown with the partial, never retried', () => {
  it('a reset mid-stream: ConnectionError with the partial', async () => {
    const { seen, thrown, result } = await read(client().stream(hello, fault('reset_mid_stream;after=3')))
    expect(thrown).toBeInstanceOf(ConnectionError)
    expect(thrown?.message).toBe('The connection was lost while reading the reply')
    expect(seen.length).toBeGreaterThan(0)
    expect(thrown?.partial?.choices[0]?.message.content).toBe(seen)
    expect(result.outcome).toMatchObject({
      type: 'error',
      error: thrown,
      completion: { choices: [{ finish_reason: null }] },
    })
    expect(statuses()).toEqual([200])
  })

  it('a reset in the middle of a non-streamed body: ConnectionError, not retried', async () => {
    const error = await rejection<ChatError>(client().complete(hello, fault('reset_mid_stream')))
    expect(error).toBeInstanceOf(ConnectionError)
    expect(statuses()).toEqual([200])
  })

  it('a stall: TimeoutError after idleTimeout, with the partial', async () => {
    const started = Date.now()
    const stream = client({ idleTimeout: 100 }).stream(hello, fault('stall;after=3;ms=25000'))
    const { seen, thrown } = await read(stream)
    expect(thrown).toBeInstanceOf(TimeoutError)
    expect(thrown?.message).toBe('The reply from emulator stalled: nothing arrived for 100 ms (idleTimeout)')
    expect(thrown?.partial?.choices[0]?.message.content).toBe(seen)
    expect(seen.length).toBeGreaterThan(0)
    // Far under the 25 s stall: the idle timer ended it.
    expect(Date.now() - started).toBeLessThan(10_000)
    // The emulator records a request when its connection closes: leaving closed it long before the stall.
    await vi.waitFor(() => expect(statuses()).toEqual([200]))
  })

  it('a stall of a non-streamed body: TimeoutError after idleTimeout', async () => {
    const error = await rejection<ChatError>(
      client({ idleTimeout: 100 }).complete(hello, fault('stall;ms=5000')),
    )
    expect(error).toBeInstanceOf(TimeoutError)
  })

  it('a malformed frame: MalformedStreamError with the partial, without the payload', async () => {
    const { seen, thrown } = await read(client().stream(hello, fault('malformed_json;after=3')))
    expect(thrown).toBeInstanceOf(MalformedStreamError)
    expect(thrown?.message).toMatch(/^Malformed stream: event \d+ is not valid JSON/)
    expect(thrown?.partial?.choices[0]?.message.content).toBe(seen)
    expect(seen.length).toBeGreaterThan(0)
  })

  it('a non-streamed body cut in half: MalformedStreamError that does not quote it', async () => {
    const error = await rejection<ChatError>(client().complete(hello, fault('malformed_json')))
    expect(error).toBeInstanceOf(MalformedStreamError)
    expect(error.message).toMatch(/^The reply is not valid JSON \(\d+ characters\)$/)
  })

  it('a stream cut without [DONE] or a finish reason: iteration ends, final() says incomplete with the partial', async () => {
    const { seen, thrown, result } = await read(client().stream(hello, fault('cut;after=3')))
    expect(thrown).toBeUndefined()
    expect(seen.length).toBeGreaterThan(0)
    expect(result.outcome).toMatchObject({ type: 'incomplete', reason: 'no_finish_reason' })
    expect(result.sawDone).toBe(false)
    expect(result.completion.choices[0]).toMatchObject({ message: { content: seen }, finish_reason: null })
  })

  it('a whole stream without [DONE] is complete: its outcome is the finish reason, sawDone false', async () => {
    const { seen, result } = await read(client().stream(hello, fault('no_done')))
    expect(seen).toBe(FULL_TEXT)
    expect({ type: result.outcome.type, sawDone: result.sawDone }).toEqual({ type: 'stop', sawDone: false })
  })

  it('an event: error frame: the typed error after the events before it', async () => {
    const { events, seen, thrown, result } = await read(
      client().stream(hello, fault('error_event;after=3;status=503')),
    )
    expect(events.length).toBeGreaterThan(0)
    expect(thrown).toBeInstanceOf(ServerError)
    // The body of OpenAI's 503, which states its status: the stream's own was 200.
    expect(thrown).toMatchObject({ status: 503, message: expect.stringContaining('overloaded') })
    expect(thrown?.partial?.choices[0]?.message.content).toBe(seen)
    expect(result.outcome).toMatchObject({ type: 'error', error: thrown })
    expect(statuses()).toEqual([200])
  })

  it('a data: {"error": …} payload: the typed error with the partial', async () => {
    const { seen, thrown } = await read(client().stream(hello, fault('error_payload;after=2')))
    expect(thrown).toBeInstanceOf(ServerError)
    expect(thrown?.partial?.choices[0]?.message.content).toBe(seen)
  })

  it('a slow stream within idleTimeout is fine; beyond it, a TimeoutError', async () => {
    const ok = await read(client({ idleTimeout: 500 }).stream(hello, fault('slow;ms=20')))
    expect(ok.seen).toBe(FULL_TEXT)
    const late = await read(client({ idleTimeout: 30 }).stream(hello, fault('slow;ms=200')))
    expect(late.thrown).toBeInstanceOf(TimeoutError)
    expect(late.thrown?.partial).toBeDefined()
    await vi.waitFor(() => expect(statuses()).toEqual([200, 200]))
  })

  it('relays a failure as an event: error frame that decodes back to the typed error', async () => {
    const stream = client().stream(hello, fault('error_event;after=2;status=500'))
    const text = await new Response(toSSE(stream)).text()
    expect(text).not.toContain('[DONE]')
    expect(text).toMatch(
      /event: error\ndata: \{"error":\{"message":"500 Internal Server Error: The server had an error/,
    )
    expect((await stream.final()).outcome.type).toBe('error')
  })

  it('relays a stream without [DONE] without adding one', async () => {
    const stream = client().stream(hello, fault('cut;after=2'))
    const text = await new Response(toSSE(stream)).text()
    expect(text.match(/^data: /gm)).toHaveLength(2)
    expect(text).not.toContain('[DONE]')
  })
})

describe('an error that strikes a 2xx body carries the reply it struck: its request id and headers', () => {
  it.each([
    ['a reset', 'reset_mid_stream;after=3', ConnectionError],
    ['a malformed frame', 'malformed_json;after=3', MalformedStreamError],
    ['an error event', 'error_event;after=3;status=503', ServerError],
  ])('%s mid-stream: thrown and in final() alike', async (_, spec, type) => {
    const { thrown, result } = await read(client().stream(hello, fault(spec)))
    expect(thrown).toBeInstanceOf(type)
    expect(result.requestId).toMatch(/^[0-9a-f-]{36}$/)
    expect(thrown?.requestId).toBe(result.requestId)
    expect(thrown?.headers?.get('x-request-id')).toBe(result.requestId)
  })

  it.each([
    ['a reset', 'reset_mid_stream', ConnectionError],
    ['a cut', 'malformed_json', MalformedStreamError],
  ])('%s of a non-streamed body', async (_, spec, type) => {
    const error = await rejection<ChatError>(client().complete(hello, fault(spec)))
    expect(error).toBeInstanceOf(type)
    expect(error.requestId).toMatch(/^[0-9a-f-]{36}$/)
    expect(error.headers?.get('x-request-id')).toBe(error.requestId)
  })
})
