import { memoryEndpoint, rejection } from '@chatwire/testkit'
import { describe, expect, it, vi } from 'vitest'
import { ChatError } from '../errors.js'
import { createChatClient } from './create-chat-client.js'

// complete()'s reading of a reply is a lazy chunk of an app's bundle, which may fail to load (a new deploy, the
// network gone).
vi.mock('./read-completion.js', () => {
  throw new TypeError('Failed to fetch dynamically imported module')
})

const KEY = 'sk-unloaded-reading-0123456789'
const request = { model: 'm', messages: [{ role: 'user' as const, content: 'Hi' }] }
const completion = {
  id: 'c1',
  object: 'chat.completion',
  created: 1,
  model: 'm',
  choices: [{ index: 0, message: { role: 'assistant', content: `Hi ${KEY}` }, finish_reason: 'stop' }],
}

describe('a complete() whose reading code does not load', () => {
  it('rejects with a ChatError that says so, the reply freed; streams still work', async () => {
    let cancelled = 0
    const client = createChatClient(memoryEndpoint({ headers: { 'api-key': KEY }, secrets: [KEY] }), {
      validate: false,
      fetch: async (_url, init) => {
        const stream = JSON.parse(init.body as string).stream === true
        const text = stream
          ? `data: ${JSON.stringify({ ...completion, object: 'chat.completion.chunk', choices: [{ index: 0, delta: { content: 'Hi' }, finish_reason: 'stop' }] })}\n\ndata: [DONE]\n\n`
          : JSON.stringify(completion)
        const bytes = new TextEncoder().encode(text)
        const body = new ReadableStream<Uint8Array>({
          // Two pieces: the client reads the first before complete() reads the rest.
          start(controller) {
            controller.enqueue(bytes.subarray(0, 10))
            controller.enqueue(bytes.subarray(10))
            if (stream) controller.close()
          },
          cancel: () => void cancelled++,
        })
        const type = stream ? 'text/event-stream' : 'application/json'
        return new Response(body, { headers: { 'content-type': type } })
      },
    })
    const error = await rejection<ChatError>(client.complete(request))
    expect(error).toBeInstanceOf(ChatError)
    expect(error.message).toBe(
      'The memory client could not load the code that reads a reply (a chunk of the app that did not load)',
    )
    expect(cancelled).toBe(1)
    const { text, outcome } = await client.stream(request).final()
    expect({ text, outcome: outcome.type }).toEqual({ text: 'Hi', outcome: 'stop' })
  })
})
