import { getEventListeners } from 'node:events'
import { describe, expect, it } from 'vitest'
import type { ChatEndpoint } from '../endpoint.js'
import { openCall } from './call-context.js'
import { createChatStream } from './chat-stream.js'
import { resolveCallOptions } from './options.js'

// In Node a listener left on a stream's own signal kept the whole finished stream (its accumulated text, its
// chunks) alive past its end, until a full collection, and moved it into the old generation on the way
// (measured: 8 times the bytes promoted per scavenge).

const endpoint: ChatEndpoint = {
  name: 'memory',
  prepare: (request) => ({ url: 'http://memory.invalid/v1/chat/completions', headers: {}, body: request }),
}
const request = { model: 'm', messages: [{ role: 'user' as const, content: 'Hi' }] }
const frame = (content: string) =>
  `data: ${JSON.stringify({ choices: [{ index: 0, delta: { content }, finish_reason: null }] })}\n\n`

/** A stream whose reply is `body` (SSE text), and the signal it made for itself. */
function streamOf(body: string) {
  let signal: AbortSignal | undefined
  const options = resolveCallOptions({
    maxRetries: 0,
    fetch: async () => new Response(body, { headers: { 'content-type': 'text/event-stream' } }),
  })
  const stream = createChatStream(request, (controller) => {
    signal = controller.signal
    return openCall(endpoint, options, controller)
  })
  return { stream, listeners: () => getEventListeners(signal as AbortSignal, 'abort') }
}

describe('a stream leaves no listener on its own signal once it ended', () => {
  it('read to the end', async () => {
    const { stream, listeners } = streamOf(`${frame('Hello')}${frame(' there')}data: [DONE]\n\n`)
    for await (const _event of stream) {
      // Every event.
    }
    expect((await stream.final()).text).toBe('Hello there')
    expect(listeners()).toEqual([])
  })

  it('ended by a malformed event', async () => {
    const { stream, listeners } = streamOf(`${frame('Hello')}data: {not json\n\n`)
    expect((await stream.final()).outcome).toMatchObject({
      type: 'error',
      error: { name: 'MalformedStreamError' },
    })
    expect(listeners()).toEqual([])
  })

  it('stopped early by its reader', async () => {
    const { stream, listeners } = streamOf(`${frame('Hello')}${frame(' there')}`.repeat(50))
    for await (const _event of stream) break
    expect((await stream.final()).outcome).toMatchObject({ type: 'error', error: { name: 'AbortError' } })
    expect(listeners()).toEqual([])
  })
})
