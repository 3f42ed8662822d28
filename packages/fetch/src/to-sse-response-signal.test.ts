import { getEventListeners } from 'node:events'
import { AbortError, type ChatClient, type ChatRequest, type ChatResult } from '@chatwire/core'
import { type Emulator, startEmulator } from '@chatwire/emulator'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createFetchClient } from './create-fetch-client.js'
import { toSSEResponse } from './to-sse-response.js'

let emulator: Emulator
let upstream: ChatClient
/** The emulator's one-line summaries, written when a request's connection closes. */
const closed: string[] = []

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, tokenDelayMs: 0, log: (line) => closed.push(line) })
  upstream = createFetchClient({
    url: `${emulator.url}/v1/chat/completions`,
    headers: { authorization: 'Bearer sess_relay0123456789' },
    maxRetries: 0,
  })
})
afterAll(() => emulator.close())
beforeEach(() => {
  emulator.reset()
  closed.length = 0
})

const ask = (content: string): ChatRequest => ({
  model: 'gpt-4o-mini',
  messages: [{ role: 'user', content }],
})
// Slow enough that the natural end is seconds away: a close within the poll's bound was an early one.
const slow = { headers: { 'x-emulator-fault': 'slow;ms=50' } }
const decoder = new TextDecoder()

describe('toSSEResponse with the request signal', () => {
  it('sends nothing upstream when the request is already aborted', async () => {
    const left = new AbortController()
    const reason = new Error('The browser left')
    left.abort(reason)
    const stream = upstream.stream(ask('Hi'))
    const text = await toSSEResponse(stream, { signal: left.signal }).text()
    expect(text).toBe(
      'event: error\ndata: {"error":{"message":"The request to fetch was aborted (The browser left)","type":null,"code":null,"chatwire_error":"AbortError"}}\n\n',
    )
    const { outcome } = await stream.final()
    expect(outcome).toMatchObject({ type: 'error', error: expect.any(AbortError) })
    expect(outcome.type === 'error' && (outcome.error as AbortError).reason).toBe(reason)
    expect(emulator.requests).toEqual([])
  })

  it('aborts upstream and settles the stream when the signal aborts, though nothing reads or cancels the body', async () => {
    const left = new AbortController()
    const reason = new Error('The browser left')
    const stream = upstream.stream(ask('count to 200'), slow)
    const reader = toSSEResponse(stream, { signal: left.signal }).body?.getReader()
    const first = await reader?.read()
    expect(decoder.decode(first?.value)).toMatch(/^data: \{"id":"chatcmpl-/)
    left.abort(reason)

    await expect.poll(() => closed.length, { timeout: 1000, interval: 10 }).toBe(1)
    // Before any further read: a route that saves the partial reply after the browser left must get it.
    let result: ChatResult | undefined
    void stream.final().then((settled) => {
      result = settled
    })
    await expect.poll(() => result, { timeout: 1000, interval: 10 }).toBeDefined()
    const { outcome, completion } = result as ChatResult
    expect(outcome.type === 'error' && (outcome.error as AbortError).reason).toBe(reason)
    expect(completion.choices[0]?.message.content ?? '').not.toContain('200.')
    // A runtime that does read on gets the abort as the last frame, then the end.
    let rest = ''
    for (let next = await reader?.read(); next?.done === false; next = await reader?.read()) {
      rest += decoder.decode(next.value)
    }
    expect(rest).toMatch(
      /event: error\ndata: \{"error":\{"message":"The request to fetch was aborted[^\n]*\n\n$/,
    )
    expect(getEventListeners(left.signal, 'abort')).toHaveLength(0)
  })

  it('stops listening to the signal once the stream ended, and to the stream once the body is cancelled', async () => {
    const whole = new AbortController()
    await toSSEResponse(upstream.stream(ask('Hi')), { signal: whole.signal }).text()
    expect(getEventListeners(whole.signal, 'abort')).toHaveLength(0)

    const cancelled = new AbortController()
    const stream = upstream.stream(ask('Hi'))
    await toSSEResponse(stream, { signal: cancelled.signal }).body?.cancel(new Error('gone'))
    expect(getEventListeners(cancelled.signal, 'abort')).toHaveLength(0)
    // Cancelled before the first read: the request was never sent.
    expect((await stream.final()).outcome).toMatchObject({ type: 'error', error: expect.any(AbortError) })
    expect(emulator.requests).toHaveLength(1)
  })
})

describe('toSSEResponse init', () => {
  it('adds its headers to the event-stream ones, replacing those of the same name', async () => {
    const response = toSSEResponse(upstream.stream(ask('Hi')), {
      headers: { 'cache-control': 'no-store, no-transform', 'x-conversation': 'c1' },
      statusText: 'Streaming',
    })
    expect([response.status, response.statusText]).toEqual([200, 'Streaming'])
    expect(Object.fromEntries(response.headers)).toEqual({
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store, no-transform',
      'x-accel-buffering': 'no',
      'x-conversation': 'c1',
    })
    expect(await response.text()).toMatch(/"content":" Hi"[\s\S]*\n\ndata: \[DONE\]\n\n$/)
  })
})
