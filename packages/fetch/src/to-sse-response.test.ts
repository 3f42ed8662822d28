import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import type { ReadableStream as NodeReadableStream } from 'node:stream/web'
import {
  AbortError,
  AuthenticationError,
  type ChatClient,
  type ChatError,
  type ChatRequest,
  type ChatStream,
  ConnectionError,
  ContentFilterError,
  type DeltaEvent,
  InvalidRequestError,
  MalformedStreamError,
  NotFoundError,
  type Outcome,
  RateLimitError,
  ServerError,
  TimeoutError,
} from '@chatwire/core'
import { type Emulator, startEmulator } from '@chatwire/emulator'
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { createFetchClient } from './create-fetch-client.js'
import { toSSEResponse } from './to-sse-response.js'

/** A route handler as Next.js, Hono or a Worker write one: a web Request in, a web Response out. */
type RouteHandler = (request: Request) => Response | Promise<Response>

interface Relay {
  url: string
  close(): Promise<void>
}

/**
 * Serves a route handler from node:http the way Next.js does: the request's signal aborts when the browser
 * leaves before the reply ended, and the web body is piped to the socket (a closed socket cancels it).
 */
async function serveRoute(handler: RouteHandler): Promise<Relay> {
  const server = createServer((incoming, outgoing) => void answer(handler, incoming, outgoing))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve()).closeAllConnections()),
  }
}

async function answer(handler: RouteHandler, incoming: IncomingMessage, outgoing: ServerResponse) {
  const left = new AbortController()
  outgoing.on('close', () => {
    if (!outgoing.writableFinished) left.abort(new Error('The browser left'))
  })
  const body: Buffer[] = []
  for await (const piece of incoming) body.push(piece as Buffer)
  const headers = new Headers()
  for (const [name, value] of Object.entries(incoming.headers))
    if (typeof value === 'string') headers.set(name, value)
  const url = new URL(incoming.url ?? '/', 'http://relay.local')
  const init = { method: incoming.method, headers, body: Buffer.concat(body), signal: left.signal }
  const response = await handler(new Request(url, init))
  outgoing.writeHead(response.status, Object.fromEntries(response.headers))
  if (response.body === null) return void outgoing.end()
  // A browser that leaves ends the pipe with "premature close": that is the case under test, not a failure.
  await pipeline(Readable.fromWeb(response.body as NodeReadableStream<Uint8Array>), outgoing).catch(() => {})
}

let emulator: Emulator
let upstream: ChatClient
let relay: Relay
let browser: ChatClient
/** The emulator's one-line summaries, written when a request's connection closes. */
const closed: string[] = []
/** The streams the route opened, in order: what the relay itself saw. */
const relayed: ChatStream[] = []

/** The app's route: relays the browser's request to the emulator, passing the test's fault header on. */
const route =
  ({ passSignal }: { passSignal: boolean }): RouteHandler =>
  async (request) => {
    const fault = request.headers.get('x-emulator-fault')
    const stream = upstream.stream((await request.json()) as ChatRequest, {
      headers: fault === null ? {} : { 'x-emulator-fault': fault },
    })
    relayed.push(stream)
    return toSSEResponse(stream, passSignal ? { signal: request.signal } : {})
  }

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, tokenDelayMs: 0, log: (line) => closed.push(line) })
  upstream = createFetchClient({
    url: `${emulator.url}/v1/chat/completions`,
    headers: { authorization: 'Bearer sess_relay0123456789' },
    maxRetries: 0,
  })
  relay = await serveRoute(route({ passSignal: true }))
  browser = createFetchClient({ url: `${relay.url}/api/chat` })
})
afterAll(async () => {
  await relay.close()
  await emulator.close()
})
beforeEach(() => {
  emulator.reset()
  closed.length = 0
  relayed.length = 0
})

const ask = (content: string, extra: Partial<ChatRequest> = {}): ChatRequest => ({
  model: 'gpt-4o-mini',
  messages: [{ role: 'user', content }],
  ...extra,
})
const PROMPT = 'one two three four five six'
const fault = (name: string) => ({ headers: { 'x-emulator-fault': name } })

/** Reads a stream to its end: its events, the error it threw, then what `final()` says. */
async function read(stream: ChatStream) {
  const events: DeltaEvent[] = []
  let thrown: unknown
  try {
    for await (const event of stream) events.push(event)
  } catch (caught) {
    thrown = caught
  }
  return { events, thrown, ...(await stream.final()) }
}

const contentOf = (completion: { choices: readonly { message: { content?: unknown } }[] } | undefined) =>
  completion?.choices[0]?.message.content ?? ''

describe('toSSEResponse relayed to a browser-side createFetchClient', () => {
  const weatherTool = {
    type: 'function' as const,
    function: {
      name: 'get_weather',
      parameters: { type: 'object', properties: { location: { type: 'string' } } },
    },
  }
  const cases = [
    { name: 'text with usage', request: ask(PROMPT, { stream_options: { include_usage: true } }) },
    { name: 'parallel tool calls', request: ask('weather in Paris and Tokyo', { tools: [weatherTool] }) },
    { name: 'n = 2', request: ask(PROMPT, { n: 2 }) },
    { name: 'reasoning', request: ask(PROMPT, { reasoning_effort: 'low' }) },
    { name: 'a filtered completion', request: ask(PROMPT), fault: 'content_filter_completion;after=3' },
    { name: 'a stream without [DONE]', request: ask(PROMPT), fault: 'no_done' },
    { name: 'a stream cut before its finish reason', request: ask(PROMPT), fault: 'cut;after=4' },
  ]

  it.each(cases)(
    'gives the same events, text and outcome as the emulator read directly: $name',
    async (test) => {
      const options = test.fault === undefined ? {} : fault(test.fault)
      const direct = await read(upstream.stream(test.request, options))
      const far = await read(browser.stream(test.request, options))
      expect(far.events).toEqual(direct.events)
      // Whole outcomes (tool calls parsed, filter verdicts, incomplete reasons), apart from their completion.
      const essentials = ({ completion: _completion, ...rest }: Outcome) => rest
      expect(far.outcomes.map(essentials)).toEqual(direct.outcomes.map(essentials))
      expect(contentOf(far.completion)).toBe(contentOf(direct.completion))
      // Unchanged on the way: the browser rebuilds exactly the completion the relay read.
      expect(far.completion).toEqual((await relayed[0]?.final())?.completion)
    },
  )

  it('sends data: [DONE] only when the service did', async () => {
    const body = (headers: Record<string, string>) =>
      fetch(`${relay.url}/api/chat`, { method: 'POST', headers, body: JSON.stringify(ask(PROMPT)) }).then(
        (reply) => reply.text(),
      )
    expect(await body({})).toMatch(/\n\ndata: \[DONE\]\n\n$/)
    const cut = await body({ 'x-emulator-fault': 'no_done' })
    expect(cut).not.toContain('[DONE]')
    expect(cut).toMatch(/"finish_reason":"stop"\S*\n\n$/)
    const far = await read(browser.stream(ask(PROMPT), fault('no_done')))
    // Every choice finished: no [DONE] is no fault; the far side still knows it did not come.
    expect({ outcome: far.outcome.type, sawDone: far.sawDone }).toEqual({ outcome: 'stop', sawDone: false })
    expect(contentOf(far.completion)).toBe(`You said: ${PROMPT}`)
  })

  it('answers at once as an event stream that proxies must not buffer or transform', async () => {
    const reply = await fetch(`${relay.url}/api/chat`, { method: 'POST', body: JSON.stringify(ask(PROMPT)) })
    expect(reply.status).toBe(200)
    expect(Object.fromEntries(reply.headers)).toMatchObject({
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      'x-accel-buffering': 'no',
    })
    await reply.body?.cancel()
  })
})

describe('toSSEResponse relays a failure as the same typed error, partial text kept', () => {
  const failures = [
    { fault: 'unauthorized', type: AuthenticationError, text: '' },
    { fault: 'rate_limit', type: RateLimitError, text: '' },
    { fault: 'content_filter_prompt', type: ContentFilterError, text: '' },
    { fault: 'error_event;after=4', type: ServerError, text: 'You said:' },
    { fault: 'error_payload;after=4;status=503', type: ServerError, text: 'You said:' },
  ]

  it.each(failures)('$fault arrives as $type.name', async ({ fault: name, type, text }) => {
    const direct = await read(upstream.stream(ask(PROMPT), fault(name)))
    const far = await read(browser.stream(ask(PROMPT), fault(name)))
    expect(direct.thrown).toBeInstanceOf(type)
    expect(far.thrown).toBeInstanceOf(type)
    const [sent, received] = [direct.thrown, far.thrown] as ChatError[]
    expect(received).toMatchObject({ status: sent?.status, code: sent?.code, type: sent?.type })
    expect(received?.message).toContain(sent?.message)
    expect([contentOf(received?.partial), contentOf(far.completion)]).toEqual([text, text])
    expect(far.outcome).toMatchObject({ type: 'error', error: received })
    expect(emulator.requests).toHaveLength(2)
  })

  it('keeps the text and the words of a connection reset mid-stream', async () => {
    const direct = await read(upstream.stream(ask(PROMPT), fault('reset_mid_stream;after=4')))
    const far = await read(browser.stream(ask(PROMPT), fault('reset_mid_stream;after=4')))
    expect(direct.thrown).toBeInstanceOf(ConnectionError)
    expect(far.thrown).toBeInstanceOf(ConnectionError)
    expect((far.thrown as ChatError).message).toBe((direct.thrown as ChatError).message)
    expect(contentOf((far.thrown as ChatError).partial)).toBe('You said:')
    expect(far.outcome.type).toBe('error')
  })

  // No status tells these apart: the relay frame names the class (`chatwire_error`) and the far side rebuilds it.
  it.each([
    { fault: 'reset_mid_stream;after=4', type: ConnectionError },
    { fault: 'malformed_json;after=4', type: MalformedStreamError },
  ])('$fault arrives as $type.name, though no status says so', async ({ fault: name, type }) => {
    expect((await read(browser.stream(ask(PROMPT), fault(name)))).thrown).toBeInstanceOf(type)
  })

  // The relayed message already starts with "401 Unauthorized: ": the far side does not say it twice.
  it('gives the far side the same message for an HTTP error', async () => {
    const direct = await read(upstream.stream(ask(PROMPT), fault('unauthorized')))
    const far = await read(browser.stream(ask(PROMPT), fault('unauthorized')))
    expect((far.thrown as ChatError).message).toBe((direct.thrown as ChatError).message)
  })
})

describe('toSSEResponse aborts upstream when the browser leaves', () => {
  // Slow enough that the natural end is seconds away: a close within the poll's bound was an early one.
  const slow = fault('slow;ms=50')
  const longer = ask('count to 200')

  async function leaveAfterThreeDeltas(client: ChatClient) {
    const stream = client.stream(longer, slow)
    let deltas = 0
    for await (const event of stream) if (event.type === 'content.delta' && ++deltas === 3) break
    return stream.final()
  }

  it.each([
    { how: "through the request's signal and the body's cancel", passSignal: true },
    { how: "through the body's cancel alone", passSignal: false },
  ])('$how', async ({ passSignal }) => {
    const own = passSignal ? undefined : await serveRoute(route({ passSignal }))
    const client = own === undefined ? browser : createFetchClient({ url: `${own.url}/api/chat` })
    try {
      const far = await leaveAfterThreeDeltas(client)
      expect(far.outcome).toMatchObject({ type: 'error', error: expect.any(AbortError) })
      await expect.poll(() => closed.length, { timeout: 1000, interval: 10 }).toBe(1)
      expect(emulator.requests).toMatchObject([{ path: '/v1/chat/completions', status: 200, streamed: true }])
      const upstreamResult = await relayed[0]?.final()
      expect(upstreamResult?.outcome).toMatchObject({ type: 'error', error: expect.any(AbortError) })
      expect(contentOf(upstreamResult?.completion)).toMatch(/^1, 2/)
      expect(contentOf(upstreamResult?.completion)).not.toContain('200.')
    } finally {
      await own?.close()
    }
  })
})

describe('toSSEResponse relays every error class a stream throws as that class', () => {
  const badRole = {
    model: 'gpt-4o-mini',
    messages: [{ role: 'usr', content: 'x' }],
  } as unknown as ChatRequest
  const emulatorURL = () => `${emulator.url}/v1/chat/completions`
  const authorization = { authorization: 'Bearer sess_relay0123456789' }
  // The relay's upstream clients, by the `x-upstream` header of the browser's request.
  const upstreams: Record<string, () => ChatClient> = {
    plain: () => upstream,
    unvalidated: () =>
      createFetchClient({ url: emulatorURL(), headers: authorization, maxRetries: 0, validate: false }),
    // A token provider that fails (as Azure's getToken may): an AuthenticationError that no status tells.
    tokenless: () =>
      createFetchClient({
        url: emulatorURL(),
        headers: () => {
          throw new AuthenticationError('session: the token provider failed')
        },
        maxRetries: 0,
      }),
    impatient: () => createFetchClient({ url: emulatorURL(), headers: authorization, idleTimeout: 100 }),
    narrow: () => createFetchClient({ url: emulatorURL(), headers: authorization, maxEventLength: 40 }),
  }
  let picking: Relay
  let far: ChatClient

  beforeAll(async () => {
    picking = await serveRoute(async (request) => {
      const chosen = upstreams[request.headers.get('x-upstream') ?? 'plain']?.() ?? upstream
      const fault = request.headers.get('x-emulator-fault')
      const stream = chosen.stream((await request.json()) as ChatRequest, {
        headers: fault === null ? {} : { 'x-emulator-fault': fault },
      })
      return toSSEResponse(stream, { signal: request.signal })
    })
    far = createFetchClient({ url: `${picking.url}/api/chat`, maxRetries: 0 })
  })
  afterAll(() => picking.close())

  it.each([
    {
      how: 'a request that failed validation on the relay',
      via: 'plain',
      request: badRole,
      kind: InvalidRequestError,
    },
    {
      how: 'a request with two bad fields, failed on the relay',
      via: 'plain',
      request: { ...badRole, temperature: 9 } as ChatRequest,
      kind: InvalidRequestError,
    },
    {
      how: 'a 400 of the service naming the field',
      via: 'unvalidated',
      request: badRole,
      kind: InvalidRequestError,
    },
    {
      how: 'a token provider that failed',
      via: 'tokenless',
      request: ask(PROMPT),
      kind: AuthenticationError,
    },
    { how: 'a 404', via: 'plain', request: ask(PROMPT), fault: 'not_found', kind: NotFoundError },
    {
      how: 'an idle timeout',
      via: 'impatient',
      request: ask(PROMPT),
      fault: 'stall;after=2',
      kind: TimeoutError,
    },
    // Its limit and size are the relay's: the browser gets the class it extends.
    { how: 'an event over maxEventLength', via: 'narrow', request: ask(PROMPT), kind: MalformedStreamError },
  ])(
    '$how arrives as $kind.name, with its words and bad field',
    async ({ via, request, fault: name, kind }) => {
      const faulted = name === undefined ? {} : fault(name).headers
      const direct = await read((upstreams[via]?.() ?? upstream).stream(request, { headers: faulted }))
      const relayedRead = await read(
        far.stream(request, { validate: false, headers: { ...faulted, 'x-upstream': via } }),
      )
      const [sent, received] = [direct.thrown, relayedRead.thrown] as ChatError[]
      expect(sent).toBeInstanceOf(kind)
      expect(received?.constructor).toBe(kind)
      expect(received).toMatchObject({ message: sent?.message, status: sent?.status, code: sent?.code })
      if (sent instanceof InvalidRequestError) {
        expect(sent.path).toBe('messages[0].role')
        expect((received as InvalidRequestError).path).toBe(sent.path)
        // Every issue, not only the first: a form can mark each bad field.
        expect((received as InvalidRequestError).issues).toEqual(sent.issues)
      }
      expect(relayedRead.outcome).toMatchObject({ type: 'error', error: received })
    },
  )
})

describe('a route that asks for final() before it returns toSSEResponse (to save the reply when done)', () => {
  it('relays the stream and saves its end: final() leaves the stream to the relay begun in the same code', async () => {
    const saved: string[] = []
    const saving = await serveRoute(async (request) => {
      const stream = upstream.stream((await request.json()) as ChatRequest)
      void stream.final().then(({ text, outcome }) => saved.push(`${outcome.type}: ${text}`))
      return toSSEResponse(stream, { signal: request.signal })
    })
    try {
      const far = await read(createFetchClient({ url: `${saving.url}/api/chat` }).stream(ask(PROMPT)))
      expect([far.outcome.type, far.text]).toEqual(['stop', `You said: ${PROMPT}`])
      await vi.waitFor(() => expect(saved).toEqual([`stop: You said: ${PROMPT}`]))
    } finally {
      await saving.close()
    }
  })
})
