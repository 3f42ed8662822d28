import { getEventListeners } from 'node:events'
import { memoryEndpoint } from '@chatwire/testkit'
import { describe, expect, it } from 'vitest'
import { openCall } from './call-context.js'
import { createChatStream } from './chat-stream.js'
import { resolveCallOptions } from './options.js'
import { createValidator } from './validated.js'

// In Node a listener left on a stream's own signal kept the whole finished stream (its accumulated text, its
// chunks) alive past its end, until a full collection, and moved it into the old generation on the way
// (measured: 8 times the bytes promoted per scavenge).

const endpoint = memoryEndpoint({ url: 'http://memory.invalid/v1/chat/completions' })
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
    return openCall(
      endpoint,
      options,
      createValidator(),
      () => import('./hooks.js'),
      () => {},
      controller,
    )
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

  it('ended by an error event the service sent', async () => {
    const error = `event: error\ndata: ${JSON.stringify({ error: { message: 'overloaded', type: 'server_error' } })}\n\n`
    const { stream, listeners } = streamOf(`${frame('Hello')}${error}`)
    expect((await stream.final()).outcome).toMatchObject({ type: 'error', error: { name: 'ServerError' } })
    expect(listeners()).toEqual([])
  })
})

describe('after an error the iteration is done', () => {
  it('the events of the chunk that failed are dropped with it, not handed over after the error', async () => {
    // Choice 0 of the second chunk folds in (an event) before its second choice, not an object, fails it.
    const bad = `data: ${JSON.stringify({ choices: [{ index: 0, delta: { content: 'A' } }, 5] })}\n\n`
    const { stream } = streamOf(`${frame('Hello')}${bad}${frame('never')}`)
    const iterator = stream[Symbol.asyncIterator]()
    expect(await iterator.next()).toMatchObject({ done: false, value: { delta: 'Hello' } })
    await expect(iterator.next()).rejects.toMatchObject({ name: 'MalformedStreamError' })
    expect(await iterator.next()).toEqual({ done: true, value: undefined })
  })
})
