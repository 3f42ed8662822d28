import { describe, expect, it, vi } from 'vitest'
import { startEmulator } from './server.js'
import {
  AZURE_CHAT,
  AZURE_KEY,
  ask,
  CHAT,
  INFERENCE_CHAT,
  OPENAI_KEY,
  post,
  useEmulator,
} from './testing/client.js'

const emulator = useEmulator({ maxBodyBytes: 2048, maxConcurrentStreams: 1 })

const stalled = (url: string, signal?: AbortSignal) =>
  fetch(`${url}${CHAT}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-emulator-fault': 'stall', ...OPENAI_KEY },
    body: JSON.stringify(ask('Hi', { stream: true })),
    ...(signal === undefined ? {} : { signal }),
  })

describe('limits', () => {
  it('refuses a body over the limit with 413, in each dialect', async () => {
    const big = ask('x'.repeat(4096))
    const openai = await post(emulator.current, CHAT, big)
    expect(openai.status).toBe(413)
    expect(openai.json().error.code).toBe('request_too_large')
    expect((await post(emulator.current, AZURE_CHAT, big, AZURE_KEY)).json().error.code).toBe(
      'RequestEntityTooLarge',
    )
    expect((await post(emulator.current, INFERENCE_CHAT, big, AZURE_KEY)).status).toBe(413)
    // The record says how big it was: its declared content-length.
    expect(emulator.current.requests.at(-1)?.bodyBytes).toBe(JSON.stringify(big).length)
  })

  it('refuses a streamed upload as soon as it passes the limit', async () => {
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(JSON.stringify(ask('y'.repeat(5000)))))
        controller.close()
      },
    })
    const reply = await fetch(`${emulator.current.url}${CHAT}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...OPENAI_KEY },
      body,
      duplex: 'half',
    } as RequestInit)
    expect(reply.status).toBe(413)
    // No content-length: the record has what was read until the body passed the limit.
    expect(emulator.current.requests.at(-1)?.bodyBytes).toBeGreaterThan(2048)
  })

  it('caps concurrent streams with a 429, and frees the slot when the client leaves', async () => {
    const controller = new AbortController()
    const first = await stalled(emulator.current.url, controller.signal)
    expect(first.status).toBe(200)
    const second = await post(emulator.current, CHAT, ask('Hi', { stream: true }))
    expect(second.status).toBe(429)
    expect(second.json().error.message).toContain('concurrent')
    expect((await post(emulator.current, CHAT, ask('Hi'))).status).toBe(200)
    controller.abort()
    await first.text().catch(() => undefined)
    // The server sees the close a moment later, however loaded the machine: wait for the slot, never a fixed time.
    await vi.waitFor(
      async () => expect((await post(emulator.current, CHAT, ask('Hi', { stream: true }))).status).toBe(200),
      { timeout: 10_000, interval: 50 },
    )
  })

  it('keeps serving after a client leaves in the middle of a stream', async () => {
    const controller = new AbortController()
    const response = await fetch(`${emulator.current.url}${CHAT}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-emulator-fault': 'slow;ms=20', ...OPENAI_KEY },
      body: JSON.stringify(ask('count to 50', { stream: true })),
      signal: controller.signal,
    })
    const reader = response.body?.getReader()
    await reader?.read()
    controller.abort()
    expect((await post(emulator.current, CHAT, ask('still there?'))).json().choices[0].message.content).toBe(
      'You said: still there?',
    )
  })
})

describe('close', () => {
  it('ends open streams and stalled connections, then stops listening', async () => {
    const local = await startEmulator({ port: 0, tokenDelayMs: 50 })
    const stall = await stalled(local.url)
    const slow = await fetch(`${local.url}${CHAT}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...OPENAI_KEY },
      body: JSON.stringify(ask('count to 1000', { stream: true })),
    })
    const started = Date.now()
    await local.close()
    // Far under the 30 s a stall would last and the ~50 s the stream would take: close() cut both.
    expect(Date.now() - started).toBeLessThan(10_000)
    const text = await slow.text()
    expect(text).toContain('chat.completion.chunk')
    expect(text).not.toContain('[DONE]')
    await stall.text().catch(() => 'cut')
    await expect(fetch(`${local.url}/health`)).rejects.toThrow()
  })
})

describe('concurrent streams with a reply function that waits', () => {
  it('takes the slot before the reply is resolved, so parallel streams still get one 200', async () => {
    const local = await startEmulator({
      port: 0,
      tokenDelayMs: 0,
      maxConcurrentStreams: 1,
      reply: () => new Promise<string>((resolve) => setTimeout(() => resolve('Scripted'), 20)),
    })
    try {
      const replies = await Promise.all([1, 2, 3].map(() => stalled(local.url)))
      expect(replies.map((reply) => reply.status).sort()).toEqual([200, 429, 429])
    } finally {
      await local.close()
    }
  })
})
