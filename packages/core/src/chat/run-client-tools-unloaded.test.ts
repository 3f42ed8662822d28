import { framePayloads, memoryEndpoint } from '@chatwire/testkit'
import { describe, expect, it, vi } from 'vitest'
import { z } from 'zod'
import { createChatClient } from '../client/create-chat-client.js'
import { ChatError } from '../errors.js'
import { tool } from '../tools/tool.js'
import { chatTools } from './chat-tools.js'
import { createChat } from './create-chat.js'
import type { AssistantThreadMessage } from './thread-message.js'

// What runs a chat's client tools is a lazy chunk of an app's bundle, which may fail to load (a new deploy, the
// network gone).
vi.mock('./run-client-tools.js', () => {
  throw new TypeError('Failed to fetch dynamically imported module')
})

const frames = [
  {
    choices: [
      {
        index: 0,
        delta: {
          tool_calls: [
            { index: 0, id: 'call_1', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } },
          ],
        },
        finish_reason: 'tool_calls',
      },
    ],
  },
]
const body = framePayloads(
  frames.map((frame) => JSON.stringify(frame)),
  { kind: 'done' },
)

describe('a chat whose tool-running code does not load', () => {
  it('fails the turn (status error, a ChatError with the cause) and cancels the calls it could not run', async () => {
    const ran: string[] = []
    const weather = tool({
      name: 'get_weather',
      parameters: z.object({ city: z.string() }),
      execute: ({ city }) => {
        ran.push(city)
        return `${city}: 22 °C`
      },
    })
    const client = createChatClient(memoryEndpoint(), {
      maxRetries: 0,
      fetch: async () => new Response(body, { headers: { 'content-type': 'text/event-stream' } }),
    })
    const errors: ChatError[] = []
    const chat = createChat({
      client,
      request: { model: 'm' },
      tools: chatTools([weather]),
      onError: (error) => errors.push(error),
    })
    await chat.send('weather in Paris?')
    const { messages, status, error } = chat.getSnapshot()
    expect([status, error?.constructor, error?.message]).toEqual([
      'error',
      ChatError,
      "The chat's turn failed: an option threw, or a chunk of its code did not load",
    ])
    expect(error?.cause).toBeInstanceOf(Error)
    expect(errors).toEqual([error])
    expect(ran).toEqual([])
    expect((messages[1] as AssistantThreadMessage).toolCalls).toMatchObject([
      { id: 'call_1', state: 'cancelled', error: 'The reply failed before this call finished' },
    ])
  })
})
