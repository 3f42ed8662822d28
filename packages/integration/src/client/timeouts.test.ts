import {
  type ChatEndpoint,
  type ChatError,
  type ChatRequest,
  createChatClient,
  TimeoutError,
} from '@chatwire/core'
import { type Emulator, startEmulator } from '@chatwire/emulator'
import { rejection } from '@chatwire/testkit'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { emulatorEndpoint } from '../emulator-endpoint.js'
import { startTestServer, type TestServer } from './test-server.js'

let emulator: Emulator
let server: TestServer
beforeAll(async () => {
  emulator = await startEmulator({ port: 0, tokenDelayMs: 0 })
  server = await startTestServer()
})
afterAll(async () => {
  await emulator.close()
  await server.close()
})
beforeEach(() => emulator.reset())

const hello: ChatRequest = {
  model: 'gpt-4o-mini',
  messages: [{ role: 'user', content: 'one two three four five six' }],
}
const toEmulator = emulatorEndpoint(() => emulator.url)
const toServer: ChatEndpoint = {
  name: 'server',
  prepare: (request) => ({ url: `${server.url}/v1/chat/completions`, headers: {}, body: request }),
}
const fault = (spec: string) => ({ 'x-emulator-fault': spec })
const completion = JSON.stringify({
  id: 'c1',
  object: 'chat.completion',
  created: 1,
  model: 'm',
  choices: [{ index: 0, message: { role: 'assistant', content: 'ok' }, finish_reason: 'stop' }],
})

describe('timeout on complete(): the whole attempt, headers and body', () => {
  it('ends a reply whose headers came but whose body never does', async () => {
    const client = createChatClient(toEmulator, { timeout: 100, idleTimeout: 0, maxRetries: 0 })
    const error = await rejection<ChatError>(client.complete(hello, { headers: fault('stall;ms=20000') }))
    expect(error).toBeInstanceOf(TimeoutError)
    expect(error).toMatchObject({
      option: 'timeout',
      message: 'No complete reply from emulator within 100 ms (timeout)',
    })
  })

  it('ends a body that trickles forever, though no piece is late', async () => {
    server.handle((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' })
      response.write(completion.slice(0, 10))
      const timer = setInterval(() => response.write(' '), 10)
      response.on('close', () => clearInterval(timer))
    })
    // Generous against a loaded machine: the first 10 bytes come at once, the whole body never does.
    const client = createChatClient(toServer, { timeout: 2000, idleTimeout: 10_000, maxRetries: 2 })
    const error = await rejection<ChatError>(client.complete(hello))
    expect(error).toMatchObject({ name: 'TimeoutError', option: 'timeout' })
    // The body had begun: not retried.
    expect(server.requests).toBe(1)
  })
})

describe('timeout on stream(): the wait for the first byte', () => {
  it('lets a stream run longer than the timeout once its first byte came', async () => {
    // Six chunks 400 ms apart outlast the 2 s timeout by far; the first byte comes at once.
    const client = createChatClient(toEmulator, { timeout: 2000 })
    const result = await client.stream(hello, { headers: fault('slow;ms=400') }).final()
    expect(result).toMatchObject({ outcome: { type: 'stop' }, text: 'You said: one two three four five six' })
  })

  it('counts the wait for the first body byte after the headers, and retries it like a failed connection', async () => {
    const client = createChatClient(toEmulator, { timeout: 100, idleTimeout: 0, maxRetryDelay: 5 })
    const result = await client
      .stream(hello, { maxRetries: 1, headers: fault('stall;after=0;ms=20000') })
      .final()
    expect(result.outcome).toMatchObject({
      type: 'error',
      error: { name: 'TimeoutError', option: 'timeout' },
    })
    expect(emulator.requests).toHaveLength(2)
  })

  it('does not retry a reset that follows a 2xx reply: the service may have generated it already', async () => {
    server.handle((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' })
      response.flushHeaders()
      setTimeout(() => response.destroy(), 20)
    })
    const result = await createChatClient(toServer, { maxRetries: 2 }).stream(hello).final()
    expect(result.outcome).toMatchObject({ type: 'error', error: { name: 'ConnectionError' } })
    expect(server.requests).toBe(1)
  })

  it('does not retry an idle timeout once the stream began', async () => {
    const client = createChatClient(toEmulator, { idleTimeout: 100, maxRetries: 2 })
    const result = await client.stream(hello, { headers: fault('stall;after=3;ms=20000') }).final()
    expect(result.outcome).toMatchObject({
      type: 'error',
      error: { name: 'TimeoutError', option: 'idleTimeout' },
    })
    expect(emulator.requests).toHaveLength(1)
  })
})

describe('an error once the reply’s headers came, before the first byte of its body', () => {
  // The emulator's record of the one request, whose reply's `x-request-id` the error must carry.
  const sent = () => {
    expect(emulator.requests).toHaveLength(1)
    return emulator.requests[0]?.requestId
  }
  const carriesTheReply = (error: ChatError | undefined, requestId: string | undefined) => {
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/)
    expect(error?.requestId).toBe(requestId)
    expect(error?.headers?.get('x-request-id')).toBe(requestId)
  }

  it.each([
    ['idleTimeout', { timeout: 0, idleTimeout: 100 }],
    ['timeout', { timeout: 100, idleTimeout: 0 }],
  ] as const)('carries its request id and headers on complete(): %s', async (option, limits) => {
    const client = createChatClient(toEmulator, { ...limits, maxRetries: 0 })
    const error = await rejection<ChatError>(client.complete(hello, { headers: fault('stall;ms=20000') }))
    expect(error).toMatchObject({ name: 'TimeoutError', option })
    carriesTheReply(error, sent())
  })

  it.each([
    ['idleTimeout', { timeout: 0, idleTimeout: 100 }],
    ['timeout', { timeout: 100, idleTimeout: 0 }],
  ] as const)('carries its request id and headers on stream(): %s', async (option, limits) => {
    const client = createChatClient(toEmulator, { ...limits, maxRetries: 0 })
    const result = await client.stream(hello, { headers: fault('stall;after=0;ms=20000') }).final()
    const error = result.outcome.type === 'error' ? result.outcome.error : undefined
    expect(error).toMatchObject({ name: 'TimeoutError', option })
    carriesTheReply(error, sent())
  })

  it('carries them on an abort, for complete() and stream()', async () => {
    for (const stream of [false, true]) {
      emulator.reset()
      const controller = new AbortController()
      // Aborted as soon as the reply's headers are in, before its body is read.
      const client = createChatClient(toEmulator, { maxRetries: 0, onResponse: () => controller.abort() })
      const options = { signal: controller.signal, headers: fault('stall;after=0;ms=20000') }
      const error = stream
        ? await client
            .stream(hello, options)
            .final()
            .then(({ outcome }) => (outcome.type === 'error' ? outcome.error : undefined))
        : await rejection<ChatError>(client.complete(hello, options))
      expect(error).toMatchObject({ name: 'AbortError' })
      carriesTheReply(error, sent())
    }
  })
})
