import { describe, expect, it } from 'vitest'
import { foldReplyContent } from './reply-content.js'
import type { ChatCompletion } from './schema/response.js'

const completion = (...messages: Record<string, unknown>[]): ChatCompletion =>
  ({
    id: 'c1',
    object: 'chat.completion',
    created: 1,
    model: 'magistral-medium-2507',
    choices: messages.map((message, index) => ({
      index,
      message: { role: 'assistant', ...message },
      finish_reason: 'stop',
    })),
  }) as ChatCompletion

describe('foldReplyContent', () => {
  it("folds Mistral's text and thinking parts into content and reasoning_content", () => {
    const reply = completion({
      content: [
        {
          type: 'thinking',
          thinking: [
            { type: 'text', text: 'Two plus two' },
            { type: 'text', text: ' is 4.' },
          ],
        },
        { type: 'text', text: '2 + 2 ' },
        { type: 'reference', reference_ids: [1] },
        { type: 'text', text: '= 4' },
      ],
      prefix: false,
    })
    expect(foldReplyContent(reply).choices).toEqual([
      {
        index: 0,
        message: {
          role: 'assistant',
          content: '2 + 2 = 4',
          reasoning_content: 'Two plus two is 4.',
          prefix: false,
        },
        finish_reason: 'stop',
      },
    ])
  })

  it('folds refusal parts and thinking given as a string, after what the message already had', () => {
    const reply = completion({
      content: [
        { type: 'thinking', thinking: ' then this' },
        { type: 'refusal', refusal: 'I cannot help with that.' },
      ],
      reasoning_content: 'First this,',
    })
    expect(foldReplyContent(reply).choices[0]?.message).toEqual({
      role: 'assistant',
      content: null,
      refusal: 'I cannot help with that.',
      reasoning_content: 'First this, then this',
    })
  })

  it('folds every choice and leaves string content, and its input, as they were', () => {
    const reply = completion({ content: 'plain' }, { content: [{ type: 'text', text: 'parts' }] })
    const before = structuredClone(reply)
    const folded = foldReplyContent(reply)
    expect(folded.choices.map((choice) => choice.message.content)).toEqual(['plain', 'parts'])
    expect(folded.choices[0]).toBe(reply.choices[0])
    expect(reply).toEqual(before)
  })

  it('returns the same completion when no message has parts', () => {
    const reply = completion({ content: 'Hello' }, { content: null, tool_calls: [] })
    expect(foldReplyContent(reply)).toBe(reply)
  })

  it('gives null content for an empty array of parts or parts without text', () => {
    const reply = completion({ content: [] }, { content: [null, 3, { type: 'text', text: 7 }] })
    expect(foldReplyContent(reply).choices.map((choice) => choice.message.content)).toEqual([null, null])
  })
})
