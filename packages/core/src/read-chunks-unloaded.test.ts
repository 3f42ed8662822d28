import { memoryEndpoint } from '@chatwire/testkit'
import { describe, expect, it, vi } from 'vitest'
import { createChatClient } from './client/create-chat-client.js'
import { decodeSSE } from './decode-sse.js'
import { ChatError } from './errors.js'
import { readChunks } from './read-chunks.js'

// The error path is a lazy chunk of an app's bundle, which may fail to load (a new deploy, the network gone).
vi.mock('./error-from-body.js', () => {
  throw new TypeError('Failed to fetch dynamically imported module')
})

const frame = `data: ${JSON.stringify({ choices: [{ index: 0, delta: { content: 'Hello' } }] })}\n\n`
const body = `${frame}event: error\ndata: {"error":{"message":"overloaded","type":"server_error"}}\n\n`

describe('an error event whose reading code does not load', () => {
  it('is a ChatError that says so, after the chunks before it', async () => {
    const chunks: unknown[] = []
    const error = await (async () => {
      for await (const chunk of readChunks(decodeSSE(new Response(body).body as ReadableStream))) {
        chunks.push(chunk)
      }
    })().catch((caught: unknown) => caught)
    expect(chunks).toHaveLength(1)
    expect(error).toBeInstanceOf(ChatError)
    expect(error).toMatchObject({
      name: 'ChatError',
      message: 'The stream sent an error, and the code that reads it could not load',
    })
  })

  it('reaches a client stream as that ChatError, not as a lost connection', async () => {
    const client = createChatClient(memoryEndpoint(), {
      maxRetries: 0,
      fetch: async () => new Response(body, { headers: { 'content-type': 'text/event-stream' } }),
    })
    const { outcome, completion } = await client
      .stream({ model: 'm', messages: [{ role: 'user', content: 'Hi' }] })
      .final()
    expect(outcome).toMatchObject({
      type: 'error',
      error: {
        name: 'ChatError',
        message: 'The stream sent an error, and the code that reads it could not load',
      },
    })
    expect(completion.choices[0]?.message.content).toBe('Hello')
  })
})
