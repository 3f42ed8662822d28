import { framePayloads, memoryEndpoint } from '@chatwire/testkit'
import { describe, expect, it, vi } from 'vitest'
import { createChatClient } from '../client/create-chat-client.js'
import { ChatError } from '../errors.js'
import { createChat } from './create-chat.js'

// What plans a reply's tool calls is a lazy chunk of an app's bundle, which may fail to load (a new deploy, the
// network gone). A reply that says it wants tools without naming one loads it only once the reply ended.
vi.mock('./reply-tool-calls.js', () => {
  throw new TypeError('Failed to fetch dynamically imported module')
})

const frames = [
  { choices: [{ index: 0, delta: { content: 'Let me look. ' }, finish_reason: null }] },
  { choices: [{ index: 0, delta: {}, finish_reason: 'tool_calls' }] },
]
const body = framePayloads(
  frames.map((frame) => JSON.stringify(frame)),
  { kind: 'done' },
)

describe('a chat whose tool-call code does not load once the reply ended', () => {
  it('fails the turn (status error, a ChatError) and keeps what streamed, incomplete, for onFinish too', async () => {
    const client = createChatClient(memoryEndpoint(), {
      maxRetries: 0,
      fetch: async () => new Response(body, { headers: { 'content-type': 'text/event-stream' } }),
    })
    const heard: string[] = []
    const chat = createChat({
      client,
      request: { model: 'm' },
      onFinish: ({ message, messages }) => heard.push(`finish ${message.state} ${messages.length}`),
      onError: (error) => heard.push(`error ${error.name}`),
    })
    await chat.send('weather in Paris?')
    const { messages, status, error } = chat.getSnapshot()
    expect([status, error?.constructor, error?.message]).toEqual([
      'error',
      ChatError,
      "The chat's turn failed: an option threw, or a chunk of its code did not load",
    ])
    expect(messages.map((message) => message.role)).toEqual(['user', 'assistant'])
    expect(messages[1]).toMatchObject({ content: 'Let me look. ', state: 'incomplete', toolCalls: [] })
    expect(heard).toEqual(['finish incomplete 2', 'error ChatError'])
    // The snapshot is the thread the chat goes on from: a new message answers it.
    expect(chat.getMessage(messages[1]?.id as string)).toBe(messages[1])
  })
})
