import { countedFetch, memoryEndpoint, rejection } from '@chatwire/testkit'
import { describe, expect, it, vi } from 'vitest'
import { ChatError } from '../errors.js'
import { createChatClient } from './create-chat-client.js'
import type { ChatClientOptions } from './options.js'

// The hooks' code is a lazy chunk of an app's bundle, which may fail to load (a new deploy, the network gone).
vi.mock('./hooks.js', () => {
  throw new TypeError('Failed to fetch dynamically imported module')
})

const KEY = 'sk-unloaded-hooks-0123456789'
const request = { model: 'm', messages: [{ role: 'user' as const, content: 'Hi' }] }
const MESSAGE = 'The memory hooks could not load (a chunk of the app that did not load)'

/** A client with the given hooks, whose service streams one chunk, counting requests and freed bodies. */
function client(hooks: ChatClientOptions) {
  let cancelled = 0
  const heard: unknown[] = []
  const service = countedFetch(() => {
    const chunk = `data: ${JSON.stringify({ choices: [{ index: 0, delta: { content: 'Hi' } }] })}\n\n`
    const body = new ReadableStream<Uint8Array>({
      start: (controller) => controller.enqueue(new TextEncoder().encode(chunk)),
      cancel: () => void cancelled++,
    })
    return new Response(body, { headers: { 'content-type': 'text/event-stream' } })
  })
  const chat = createChatClient(
    memoryEndpoint({ url: `http://memory.invalid/?key=${KEY}`, headers: { 'api-key': KEY }, secrets: [KEY] }),
    { validate: false, ...hooks, fetch: service.fetch },
  )
  return { chat, counts: () => ({ requests: service.calls, cancelled }), heard }
}

describe('hooks whose code does not load', () => {
  it('fail the call with a ChatError that says so before onRequest would run: nothing is sent', async () => {
    const heard: unknown[] = []
    const { chat, counts } = client({ onRequest: (event) => heard.push(event) })
    const error = await rejection<ChatError>(chat.complete(request))
    expect(error).toBeInstanceOf(ChatError)
    expect(error.message).toBe(MESSAGE)
    const { outcome } = await chat.stream(request).final()
    expect(outcome).toMatchObject({ type: 'error', error: { name: 'ChatError', message: MESSAGE } })
    expect({ heard, requests: counts().requests }).toEqual({ heard: [], requests: 0 })
  })

  it('fail the call before onResponse would run, and free the reply', async () => {
    const heard: unknown[] = []
    const { chat, counts } = client({ onResponse: (event) => heard.push(event) })
    const { outcome } = await chat.stream(request).final()
    expect(outcome).toMatchObject({ type: 'error', error: { name: 'ChatError', message: MESSAGE } })
    expect(JSON.stringify(outcome.type === 'error' && outcome.error.cause)).not.toContain(KEY)
    expect({ heard, counts: counts() }).toEqual({ heard: [], counts: { requests: 1, cancelled: 1 } })
  })
})
