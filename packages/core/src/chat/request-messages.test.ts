import { describe, expect, it } from 'vitest'
import { requestMessages } from './request-messages.js'
import type { AssistantThreadMessage, ThreadToolCall } from './thread-message.js'

const reply = (fields: Partial<AssistantThreadMessage>): AssistantThreadMessage => ({
  id: 'a',
  role: 'assistant',
  content: '',
  reasoning: '',
  refusal: '',
  toolCalls: [],
  state: 'complete',
  ...fields,
})
const call = (fields: Partial<ThreadToolCall>): ThreadToolCall => ({
  id: 'call_1',
  name: 'get_weather',
  arguments: '{"location":"Paris"}',
  input: { location: 'Paris' },
  state: 'done',
  ...fields,
})

describe('requestMessages', () => {
  it('sends roles and content, not ids, reasoning or state', () => {
    expect(
      requestMessages([
        { id: 's', role: 'system', content: 'Be brief' },
        { id: 'u', role: 'user', content: 'Hi' },
        reply({ content: 'Hello', reasoning: 'secret thoughts', state: 'stopped' }),
      ]),
    ).toEqual([
      { role: 'system', content: 'Be brief' },
      { role: 'user', content: 'Hi' },
      { role: 'assistant', content: 'Hello' },
    ])
  })

  it('answers every tool call: a result as text or JSON, a failure, denial or cancellation with its reason', () => {
    const calls = [
      call({ id: 'c1', result: '22 °C' }),
      call({ id: 'c2', result: { celsius: 22 } }),
      call({ id: 'c3', state: 'failed', error: 'Error from get_weather: down' }),
      call({
        id: 'c4',
        state: 'cancelled',
        error: 'The user sent a new message instead of answering this call',
      }),
      call({ id: 'c5', state: 'denied', result: undefined }),
    ]
    const messages = requestMessages([
      { id: 'u', role: 'user', content: 'weather' },
      reply({ toolCalls: calls }),
    ])
    expect(messages[1]).toEqual({
      role: 'assistant',
      content: null,
      tool_calls: calls.map((c) => ({
        id: c.id,
        type: 'function',
        function: { name: c.name, arguments: c.arguments },
      })),
    })
    expect(messages.slice(2)).toEqual([
      { role: 'tool', tool_call_id: 'c1', content: '22 °C' },
      { role: 'tool', tool_call_id: 'c2', content: '{"celsius":22}' },
      { role: 'tool', tool_call_id: 'c3', content: '{"error":"Error from get_weather: down"}' },
      {
        role: 'tool',
        tool_call_id: 'c4',
        content: '{"error":"The user sent a new message instead of answering this call"}',
      },
      { role: 'tool', tool_call_id: 'c5', content: '{"error":"The tool call was denied"}' },
    ])
  })

  it('leaves out a reply stopped before its first word (the service rejects an empty one)', () => {
    expect(requestMessages([{ id: 'u', role: 'user', content: 'Hi' }, reply({ state: 'stopped' })])).toEqual([
      { role: 'user', content: 'Hi' },
    ])
  })
})
