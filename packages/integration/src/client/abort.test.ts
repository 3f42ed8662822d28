import {
  AbortError,
  type ChatEndpoint,
  type ChatError,
  type ChatRequest,
  createChatClient,
  type DeltaEvent,
  type FetchFunction,
  TimeoutError,
  toReadableStream,
  toSSE,
} from '@chatwire/core'
import { useEmulator } from '@chatwire/emulator/testing'
import { rejection } from '@chatwire/testkit'
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'

const emulator = useEmulator({ hooks: { beforeAll, afterAll, beforeEach } })

let prepared = 0
const endpoint: ChatEndpoint = {
  name: 'emulator',
  prepare: (request) => {
    prepared++
    return {
      url: `${emulator.current.url}/v1/chat/completions`,
      headers: { authorization: 'Bearer sk-test-0123456789abcdef' },
      body: request,
    }
  },
}
beforeEach(() => {
  prepared = 0
})

/** The real fetch, counted. */
function countingFetch(): FetchFunction & { calls: number } {
  const fetch = Object.assign(
    (url: string, init: RequestInit) => {
      fetch.calls++
      return globalThis.fetch(url, init)
    },
    { calls: 0 },
  )
  return fetch
}

const hello: ChatRequest = {
  model: 'gpt-4o-mini',
  messages: [{ role: 'user', content: 'one two three four five six' }],
}
const fault = (spec: string) => ({ 'x-emulator-fault': spec })
const settled = () => new Promise((resolve) => setTimeout(resolve, 50))

describe('a pre-aborted signal sends nothing', () => {
  it('complete(): AbortError with the signal reason; prepare and fetch never called', async () => {
    const fetch = countingFetch()
    const reason = new Error('user left')
    const error = await rejection<ChatError>(
      createChatClient(endpoint, { fetch }).complete(hello, { signal: AbortSignal.abort(reason) }),
    )
    expect(error).toBeInstanceOf(AbortError)
    expect((error as AbortError).reason).toBe(reason)
    expect(error.message).toBe('The request to emulator was aborted (user left)')
    expect([fetch.calls, prepared]).toEqual([0, 0])
    await settled()
    expect(emulator.current.requests).toHaveLength(0)
  })

  it("stream(): the client's signal, already aborted, throws on the first read", async () => {
    const fetch = countingFetch()
    const signal = AbortSignal.abort('closing')
    const stream = createChatClient(endpoint, { fetch, signal }).stream(hello)
    const error = await stream[Symbol.asyncIterator]()
      .next()
      .catch((caught: unknown) => caught as ChatError)
    expect(error).toMatchObject({ name: 'AbortError', reason: 'closing', partial: undefined })
    expect((await stream.final()).outcome).toMatchObject({ type: 'error', error })
    expect(fetch.calls).toBe(0)
  })

  it('stream.abort() before the first read: nothing is sent', async () => {
    const fetch = countingFetch()
    const stream = createChatClient(endpoint, { fetch }).stream(hello)
    stream.abort('changed my mind')
    const { outcome } = await stream.final()
    expect(outcome).toMatchObject({ type: 'error', error: { name: 'AbortError', reason: 'changed my mind' } })
    expect(fetch.calls).toBe(0)
  })
})

describe('aborting a running request', () => {
  it('mid-stream: AbortError with the reason and the partial, after the events so far', async () => {
    const controller = new AbortController()
    const stream = createChatClient(endpoint).stream(hello, {
      signal: controller.signal,
      headers: fault('slow;ms=30'),
    })
    const seen: DeltaEvent[] = []
    const error = await (async () => {
      for await (const event of stream) {
        seen.push(event)
        if (event.type === 'content.delta') controller.abort('enough')
      }
    })().catch((caught: unknown) => caught as ChatError)
    expect(error).toMatchObject({ name: 'AbortError', reason: 'enough' })
    // Aborted at the first piece of text: nothing after it was delivered, and the partial holds exactly it.
    expect(seen).toEqual([{ type: 'content.delta', choiceIndex: 0, delta: 'You' }])
    expect(error?.partial?.choices[0]?.message.content).toBe('You')
    expect((await stream.final()).outcome).toMatchObject({ type: 'error', error })
  })

  it('stream.abort(reason) mid-stream works the same way', async () => {
    const stream = createChatClient(endpoint).stream(hello, { headers: fault('slow;ms=30') })
    const reason = new DOMException('stop button', 'AbortError')
    let thrown: unknown
    try {
      for await (const event of stream) if (event.type === 'content.delta') stream.abort(reason)
    } catch (error) {
      thrown = error
    }
    expect(thrown).toMatchObject({
      name: 'AbortError',
      reason,
      partial: { choices: [{ message: { content: 'You' } }] },
    })
  })

  it('while waiting for the headers: AbortError at once', async () => {
    const started = Date.now()
    const error = await createChatClient(endpoint)
      .complete(hello, { signal: AbortSignal.timeout(50), headers: fault('latency;ms=30000') })
      .catch((caught: unknown) => caught as ChatError)
    expect(error).toBeInstanceOf(AbortError)
    expect((error as AbortError).reason).toMatchObject({ name: 'TimeoutError' })
    // Far under the 30 s latency: the abort ended the wait.
    expect(Date.now() - started).toBeLessThan(10_000)
  })

  it('during a retry delay: the sleep ends at once, nothing more is sent', async () => {
    const controller = new AbortController()
    const started = Date.now()
    const fetch = countingFetch()
    const pending = createChatClient(endpoint, { fetch, maxRetryDelay: 60_000 }).complete(hello, {
      signal: controller.signal,
      headers: fault('rate_limit;retry_after_ms=50000'),
    })
    setTimeout(() => controller.abort('bye'), 100)
    const error = await pending.catch((caught: unknown) => caught as ChatError)
    expect(error).toMatchObject({ name: 'AbortError', reason: 'bye' })
    // Far under the 50 s retry delay: the abort ended the sleep.
    expect(Date.now() - started).toBeLessThan(10_000)
    expect(fetch.calls).toBe(1)
  })

  it('cancelling the ReadableStream view aborts upstream with the cancel reason', async () => {
    const stream = createChatClient(endpoint).stream(hello, { headers: fault('slow;ms=30') })
    const reader = toReadableStream(stream).getReader()
    await reader.read()
    await reader.cancel('tab closed')
    expect((await stream.final()).outcome).toMatchObject({
      type: 'error',
      error: { name: 'AbortError', reason: 'tab closed' },
    })
  })

  it('cancelling the SSE relay (the browser left) aborts upstream', async () => {
    const stream = createChatClient(endpoint).stream(hello, { headers: fault('slow;ms=30') })
    const reader = toSSE(stream).getReader()
    await reader.read()
    await reader.cancel()
    expect((await stream.final()).outcome).toMatchObject({ type: 'error', error: { name: 'AbortError' } })
    await vi.waitFor(() => expect(emulator.current.requests).toHaveLength(1))
  })

  it("either the client's or the call's signal aborts", async () => {
    const clientController = new AbortController()
    const client = createChatClient(endpoint, { signal: clientController.signal })
    const pending = client.complete(hello, {
      signal: new AbortController().signal,
      headers: fault('latency;ms=3000'),
    })
    clientController.abort('shutdown')
    expect(await pending.catch((caught: unknown) => caught as ChatError)).toMatchObject({
      name: 'AbortError',
      reason: 'shutdown',
    })
  })
})

describe('timeout', () => {
  it('no reply within timeout: TimeoutError, retried like a failed connection', async () => {
    const client = createChatClient(endpoint, { timeout: 50, maxRetryDelay: 10 })
    const error = await rejection<ChatError>(
      client.complete(hello, { maxRetries: 1, headers: fault('latency;ms=2000') }),
    )
    expect(error).toBeInstanceOf(TimeoutError)
    expect(error).toMatchObject({ option: 'timeout' })
    expect(error.message).toBe('No complete reply from emulator within 50 ms (timeout)')
    await vi.waitFor(() => expect(emulator.current.requests).toHaveLength(2))
    const streamed = await client.stream(hello, { maxRetries: 0, headers: fault('latency;ms=2000') }).final()
    expect(streamed.outcome).toMatchObject({
      type: 'error',
      error: { name: 'TimeoutError', message: 'No reply from emulator within 50 ms (timeout)' },
    })
  })

  it("a call's timeout overrides the client's, for streams too", async () => {
    const client = createChatClient(endpoint, { timeout: 50 })
    const stream = client.stream(hello, { timeout: 5000, headers: fault('latency;ms=100') })
    expect((await stream.final()).outcome.type).toBe('stop')
    const late = client.stream(hello, { headers: fault('latency;ms=2000') })
    expect((await late.final()).outcome).toMatchObject({ type: 'error', error: { name: 'TimeoutError' } })
  })
})

describe('one signal shared by many concurrent calls', () => {
  /** A real signal whose abort listeners are counted as they are added and removed. */
  function countedSignal() {
    const controller = new AbortController()
    const { signal } = controller
    const listeners = new Set<unknown>()
    // Listeners added with `once`, which the signal removes itself as it aborts.
    const once = new Set<unknown>()
    let most = 0
    const add: EventTarget['addEventListener'] = signal.addEventListener.bind(signal)
    const remove: EventTarget['removeEventListener'] = signal.removeEventListener.bind(signal)
    add('abort', () => {
      for (const listener of once) listeners.delete(listener)
    })
    signal.addEventListener = (
      type: string,
      listener: EventListenerOrEventListenerObject,
      options?: boolean | AddEventListenerOptions,
    ) => {
      if (type === 'abort') listeners.add(listener)
      if (type === 'abort' && typeof options === 'object' && options.once) once.add(listener)
      most = Math.max(most, listeners.size)
      add(type, listener, options)
    }
    signal.removeEventListener = (
      type: string,
      listener: EventListenerOrEventListenerObject,
      options?: boolean | EventListenerOptions,
    ) => {
      if (type === 'abort') listeners.delete(listener)
      remove(type, listener, options)
    }
    return { controller, signal, listeners, most: () => most }
  }
  const hello: ChatRequest = { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }] }

  it('adds one listener to it, removed when the calls end', async () => {
    const { signal, listeners, most } = countedSignal()
    const client = createChatClient(endpoint, { maxRetries: 0 })
    const results = await Promise.all([
      ...Array.from({ length: 50 }, () => client.complete(hello, { signal })),
      ...Array.from({ length: 50 }, () => client.stream(hello, { signal }).final()),
    ])
    expect(results.map((result) => result.outcome.type)).toEqual(Array(100).fill('stop'))
    expect(most()).toBe(1)
    expect(listeners.size).toBe(0)
  })

  it('aborts them all when it aborts, complete() and stream() alike', async () => {
    const { controller, signal, listeners, most } = countedSignal()
    const client = createChatClient(endpoint, { maxRetries: 0 })
    const headers = { 'x-emulator-fault': 'latency;ms=20000' }
    const calls = [
      ...Array.from({ length: 25 }, () => rejection<ChatError>(client.complete(hello, { signal, headers }))),
      ...Array.from({ length: 25 }, () =>
        client
          .stream(hello, { signal, headers })
          .final()
          .then(({ outcome }) => (outcome.type === 'error' ? outcome.error : undefined)),
      ),
    ]
    // All 50 are in flight, waiting for their replies' headers.
    await expect.poll(() => emulator.current.requests.length, { timeout: 20_000 }).toBe(50)
    expect(listeners.size).toBe(1)
    controller.abort('user left')
    const errors = await Promise.all(calls)
    expect(errors.map((error) => error instanceof AbortError && error.reason)).toEqual(
      Array(50).fill('user left'),
    )
    expect(most()).toBe(1)
    expect(listeners.size).toBe(0)
  })

  it('prints no MaxListenersExceededWarning', async () => {
    const warnings: Error[] = []
    const onWarning = (warning: Error) => warnings.push(warning)
    process.on('warning', onWarning)
    try {
      const { signal } = new AbortController()
      const client = createChatClient(endpoint, { maxRetries: 0 })
      await Promise.all(Array.from({ length: 30 }, () => client.complete(hello, { signal })))
      // Node emits its warning on the next turn of the event loop.
      await new Promise((resolve) => setImmediate(resolve))
    } finally {
      process.off('warning', onWarning)
    }
    expect(warnings.map((warning) => warning.name)).not.toContain('MaxListenersExceededWarning')
  })
})
