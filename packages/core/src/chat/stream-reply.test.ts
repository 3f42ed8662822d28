import { framePayloads, memoryEndpoint } from '@chatwire/testkit'
import { describe, expect, it } from 'vitest'
import { createChatClient } from '../client/create-chat-client.js'
import { type Lazy, lazy } from '../lazy.js'
import { createReplyDraft } from './reply-draft.js'
import { createToolCallDrafts } from './reply-tool-calls.js'
import { streamReply, type ToolCallCode } from './stream-reply.js'

const frames = [
  { choices: [{ index: 0, delta: { content: 'Let me look. ' }, finish_reason: null }] },
  {
    choices: [
      {
        index: 0,
        delta: {
          tool_calls: [{ index: 0, id: 'call_1', function: { name: 'get_weather', arguments: '{}' } }],
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
const client = createChatClient(memoryEndpoint(), {
  maxRetries: 0,
  fetch: async () => new Response(body, { headers: { 'content-type': 'text/event-stream' } }),
})

function input(toolCallCode: Lazy<ToolCallCode>) {
  return {
    client,
    request: { model: 'm', messages: [{ role: 'user' as const, content: 'weather?' }] },
    callOptions: undefined,
    signal: new AbortController().signal,
    draft: createReplyDraft('r1', createToolCallDrafts),
    live: () => ({}),
    isCurrent: () => true,
    onDelta: () => {},
    toolCallCode,
  }
}

describe('streamReply', () => {
  it('waits for the tool-call code before the first tool call reaches the draft, and loads it once', async () => {
    const order: string[] = []
    const draft = createReplyDraft('r1', () => {
      order.push('drafts made')
      return createToolCallDrafts()
    })
    const toolCallCode = lazy(async () => {
      order.push('loading')
      const module = await import('./reply-tool-calls.js')
      order.push('loaded')
      return module
    })
    const reply = await streamReply({ ...input(toolCallCode), draft })
    expect(order).toEqual(['loading', 'loaded', 'drafts made'])
    expect(reply?.error).toBeUndefined()
    expect(reply?.message).toMatchObject({ content: 'Let me look. ', state: 'complete' })
    expect(reply?.message?.toolCalls).toMatchObject([{ id: 'call_1', name: 'get_weather' }])
  })

  it('ends with a clear error, not an abort, when the tool-call code does not load', async () => {
    const failure = new TypeError('Failed to fetch dynamically imported module')
    const reply = await streamReply(input(lazy(() => Promise.reject(failure))))
    expect(reply?.error).toMatchObject({
      name: 'ChatError',
      message: "The chat's turn failed: an option threw, or a chunk of its code did not load",
      cause: failure,
    })
    expect(reply?.message).toMatchObject({ content: 'Let me look. ', state: 'incomplete' })
  })
})
