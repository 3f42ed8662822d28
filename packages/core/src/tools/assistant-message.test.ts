import { describe, expect, it } from 'vitest'
import type { ChatCompletion, CompletionMessage } from '../schema/response.js'
import { toAssistantMessage } from './assistant-message.js'

const completion = (message: Partial<CompletionMessage>): ChatCompletion => ({
  id: 'c',
  object: 'chat.completion',
  created: 0,
  model: 'm',
  choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content: null, ...message } }],
})

describe('toAssistantMessage', () => {
  it('keeps the text and the tool calls, not the reasoning', () => {
    const call = { id: 'call_1', type: 'function' as const, function: { name: 'f', arguments: '{}' } }
    expect(
      toAssistantMessage(completion({ content: 'Hi', tool_calls: [call], reasoning_content: 'thinking' })),
    ).toEqual({ role: 'assistant', content: 'Hi', tool_calls: [call] })
  })

  it("keeps a refusal, and gives content '' to a reply with nothing, which the service would reject", () => {
    expect(toAssistantMessage(completion({ refusal: 'No.' }))).toEqual({
      role: 'assistant',
      content: null,
      refusal: 'No.',
    })
    expect(toAssistantMessage(completion({}))).toEqual({ role: 'assistant', content: '' })
  })
})
