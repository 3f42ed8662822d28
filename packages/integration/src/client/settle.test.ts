import {
  AbortError,
  type ChatEndpoint,
  type ChatError,
  type ChatRequest,
  createChatClient,
  type FetchFunction,
  InvalidRequestError,
  TimeoutError,
} from '@chatwire/core'
import { useEmulator } from '@chatwire/emulator/testing'
import { rejection } from '@chatwire/testkit'
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { emulatorEndpoint } from '../emulator-endpoint.js'

const emulator = useEmulator({ hooks: { beforeAll, afterAll, beforeEach } })

const hello: ChatRequest = { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'count to 40' }] }
const endpoint = emulatorEndpoint(() => emulator.current.url)
/** A `fetch` that ignores its signal and never answers. */
const deafFetch: FetchFunction = () => new Promise<Response>(() => {})
/** An endpoint whose token provider ignores its signal and never answers. */
const deafToken: ChatEndpoint = { name: 'deaf', prepare: () => new Promise(() => {}) }

describe('aborts and timeouts settle the call even when fetch or the token provider ignore their signal', () => {
  for (const [what, client] of [
    ['fetch', createChatClient(endpoint, { fetch: deafFetch, maxRetries: 0 })],
    ['the token provider', createChatClient(deafToken, { maxRetries: 0 })],
  ] as const) {
    it(`a caller's signal, AbortSignal.timeout and abort(), when ${what} never answers`, async () => {
      const controller = new AbortController()
      const pending = client.complete(hello, { signal: controller.signal })
      controller.abort('stop')
      expect(await rejection<ChatError>(pending)).toMatchObject({ name: 'AbortError', reason: 'stop' })
      const timed = await rejection<ChatError>(client.complete(hello, { signal: AbortSignal.timeout(20) }))
      expect(timed).toBeInstanceOf(AbortError)
      const stream = client.stream(hello)
      const result = stream.final()
      setTimeout(() => stream.abort('bye'), 10)
      expect((await result).outcome).toMatchObject({
        type: 'error',
        error: { name: 'AbortError', reason: 'bye' },
      })
    })

    it(`the timeout option, when ${what} never answers`, async () => {
      const error = await rejection<ChatError>(client.complete(hello, { timeout: 30 }))
      expect(error).toBeInstanceOf(TimeoutError)
      const { outcome } = await client.stream(hello, { timeout: 30 }).final()
      expect(outcome).toMatchObject({ type: 'error', error: { name: 'TimeoutError', option: 'timeout' } })
    })
  }
})

it('frees the reply a fetch that ignored its signal brings after the call gave up', async () => {
  let cancelled = false
  const late: FetchFunction = () =>
    new Promise((resolve) =>
      setTimeout(() => {
        const body = new ReadableStream({
          cancel() {
            cancelled = true
          },
        })
        resolve(new Response(body, { status: 200 }))
      }, 40),
    )
  const client = createChatClient(endpoint, { fetch: late, maxRetries: 0 })
  const error = await rejection<ChatError>(client.complete(hello, { signal: AbortSignal.timeout(5) }))
  expect(error).toBeInstanceOf(AbortError)
  await vi.waitFor(() => expect(cancelled).toBe(true))
})

describe('idleTimeout measures the server, not the consumer', () => {
  it('a consumer that takes longer than idleTimeout between reads gets the whole stream', async () => {
    // The emulator sends every chunk at once (tokenDelayMs 0); only the consumer is slow, 2.5× idleTimeout.
    const stream = createChatClient(endpoint, { idleTimeout: 1000 }).stream(hello)
    let events = 0
    for await (const event of stream) {
      if (event.type === 'content.delta' && events++ < 3)
        await new Promise((resolve) => setTimeout(resolve, 2500))
    }
    expect((await stream.final()).outcome.type).toBe('stop')
  })

  it('a consumer that blocks the event loop longer than idleTimeout gets the whole stream', async () => {
    const stream = createChatClient(endpoint, { idleTimeout: 1000 }).stream(hello)
    let events = 0
    for await (const event of stream) {
      if (event.type === 'content.delta' && events++ < 3) {
        const until = Date.now() + 2500
        while (Date.now() < until) {
          // Busy: no timer, no I/O runs meanwhile.
        }
      }
    }
    expect((await stream.final()).outcome.type).toBe('stop')
  })
})

describe('bad options fail before anything runs', () => {
  it('a signal that is not an AbortSignal is an InvalidRequestError, for complete() and stream()', async () => {
    const client = createChatClient(endpoint)
    for (const signal of [null, {}, 'abort']) {
      const options = { signal: signal as unknown as AbortSignal }
      const error = await rejection<ChatError>(client.complete(hello, options))
      expect(error).toBeInstanceOf(InvalidRequestError)
      expect(error).toMatchObject({ path: 'signal' })
      expect(() => client.stream(hello, options)).toThrow(InvalidRequestError)
    }
    expect(emulator.current.requests).toHaveLength(0)
  })
})

describe('a client-level signal shared by many concurrent calls', () => {
  it('adds one listener for all of them: no MaxListenersExceededWarning', async () => {
    const warnings: string[] = []
    const onWarning = (warning: Error) => warnings.push(warning.name)
    process.on('warning', onWarning)
    try {
      const controller = new AbortController()
      const client = createChatClient(endpoint, { signal: controller.signal })
      const results = await Promise.all(Array.from({ length: 40 }, () => client.stream(hello).final()))
      expect(results.map((result) => result.outcome.type)).toEqual(Array(40).fill('stop'))
      await new Promise((resolve) => setTimeout(resolve, 10))
      expect(warnings).toEqual([])
    } finally {
      process.off('warning', onWarning)
    }
  })

  it('still aborts every call when it aborts', async () => {
    const controller = new AbortController()
    const client = createChatClient(endpoint, { signal: controller.signal })
    const streams = Array.from({ length: 20 }, () =>
      client.stream(hello, { headers: { 'x-emulator-fault': 'stall;after=1' } }),
    )
    const results = streams.map((stream) => stream.final())
    setTimeout(() => controller.abort('shutdown'), 50)
    for (const { outcome } of await Promise.all(results)) {
      expect(outcome).toMatchObject({ type: 'error', error: { name: 'AbortError', reason: 'shutdown' } })
    }
  })
})
