import { type ChatMessage, createChatClient } from '@chatwire/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, type TestServer } from './test-server.js'

// A non-streamed reply of a Mistral reasoning model (magistral), as its API sends it: content as parts.
const mistralReply = {
  id: 'a4e29c5b82f94d67b23e108a7c9df6e1',
  object: 'chat.completion',
  created: 1769088912,
  model: 'magistral-medium-2507',
  choices: [
    {
      index: 0,
      message: {
        role: 'assistant',
        content: [
          { type: 'thinking', thinking: [{ type: 'text', text: 'The user is asking for 2+2.' }] },
          { type: 'text', text: '2 + 2 = 4' },
        ],
        tool_calls: null,
      },
      finish_reason: 'stop',
    },
  ],
  usage: { prompt_tokens: 10, total_tokens: 56, completion_tokens: 46 },
}

let server: TestServer
beforeAll(async () => {
  server = await startTestServer()
})
afterAll(() => server.close())

describe('a non-streamed reply with content parts', () => {
  it('reads as text and reasoning, and its message goes back in the next request as it is', async () => {
    server.handle((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' })
      response.end(JSON.stringify(mistralReply))
    })
    const client = createChatClient({
      name: 'mistral',
      prepare: (request) => ({ url: `${server.url}/v1/chat/completions`, headers: {}, body: request }),
    })
    const messages: ChatMessage[] = [{ role: 'user', content: 'What is 2+2?' }]
    const { completion, text } = await client.complete({ model: 'magistral-medium-2507', messages })
    expect(text).toBe('2 + 2 = 4')
    expect(completion.choices[0]?.message).toEqual({
      role: 'assistant',
      content: '2 + 2 = 4',
      reasoning_content: 'The user is asking for 2+2.',
      tool_calls: null,
    })
    const [reply] = completion.choices
    if (reply) messages.push(reply.message, { role: 'user', content: 'And 3+3?' })
    const second = await client.complete({ model: 'magistral-medium-2507', messages })
    expect(second.text).toBe('2 + 2 = 4')
    expect(server.requests).toBe(2)
  })
})
