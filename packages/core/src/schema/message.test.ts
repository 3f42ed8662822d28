import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { ChatMessageSchema, ChatMessagesSchema, ToolCallSchema } from './message.js'

const toolCall = {
  id: 'call_1',
  type: 'function',
  function: { name: 'get_weather', arguments: '{"city":"Paris"}' },
}

describe('ChatMessageSchema', () => {
  it.each([
    ['a system message with text', { role: 'system', content: 'Be brief.', name: 'rules' }],
    ['a system message with text parts', { role: 'system', content: [{ type: 'text', text: 'Be brief.' }] }],
    ['a developer message', { role: 'developer', content: [{ type: 'text', text: 'Answer in French.' }] }],
    ['a user message with text', { role: 'user', content: 'Hello', name: 'ada' }],
    [
      'a user message with text, image and audio parts',
      {
        role: 'user',
        content: [
          { type: 'text', text: 'What is this?' },
          { type: 'image_url', image_url: { url: 'https://example.com/cat.png', detail: 'high' } },
          { type: 'image_url', image_url: { url: 'data:image/png;base64,AAAA' } },
          { type: 'input_audio', input_audio: { data: 'UklGRg==', format: 'wav' } },
          { type: 'input_audio', input_audio: { data: 'SUQz', format: 'mp3' } },
        ],
      },
    ],
    [
      'a user message with file parts (a PDF as data, an uploaded file by id)',
      {
        role: 'user',
        content: [
          { type: 'text', text: 'Summarise' },
          {
            type: 'file',
            file: { filename: 'a.pdf', file_data: 'data:application/pdf;base64,JVBERi0xLjQK' },
          },
          { type: 'file', file: { file_id: 'file-abc123' } },
        ],
      },
    ],
    ['an assistant message with text', { role: 'assistant', content: 'Hi!' }],
    [
      'an assistant message with text and refusal parts',
      {
        role: 'assistant',
        content: [
          { type: 'text', text: 'Partly ' },
          { type: 'refusal', refusal: 'I cannot help with that.' },
        ],
      },
    ],
    [
      'an assistant message with tool calls and null content',
      { role: 'assistant', content: null, tool_calls: [toolCall] },
    ],
    ['an assistant message with tool calls and no content', { role: 'assistant', tool_calls: [toolCall] }],
    ['an assistant message that refused', { role: 'assistant', content: null, refusal: 'No.' }],
    [
      'a reply sent back with tool_calls: null, as Mistral and vLLM send it',
      { role: 'assistant', content: 'Hi', tool_calls: null, refusal: null },
    ],
    [
      'an assistant message with an audio reference',
      { role: 'assistant', content: null, audio: { id: 'audio_1' } },
    ],
    [
      'an assistant message with reasoning and a name',
      { role: 'assistant', content: '4', reasoning_content: '2 + 2 = 4', name: 'bot' },
    ],
    ['a tool message', { role: 'tool', tool_call_id: 'call_1', content: '{"temp":21}' }],
    [
      'a tool message with text parts',
      { role: 'tool', tool_call_id: 'call_1', content: [{ type: 'text', text: '21' }] },
    ],
  ])('accepts %s unchanged', (_, message) => {
    expect(v.parse(ChatMessageSchema, message)).toEqual(message)
  })

  it('keeps fields it does not know, on the message and on its parts', () => {
    const message = {
      role: 'user',
      content: [{ type: 'text', text: 'Hi', cache_control: { type: 'ephemeral' } }],
      x_trace: { id: 7 },
    }
    expect(v.parse(ChatMessageSchema, message)).toEqual(message)
  })

  it.each([
    ['an unknown role', { role: 'robot', content: 'Hi' }],
    [
      'an image part in a system message',
      { role: 'system', content: [{ type: 'image_url', image_url: { url: 'u' } }] },
    ],
    ['a refusal part in a user message', { role: 'user', content: [{ type: 'refusal', refusal: 'no' }] }],
    ['an empty array of parts', { role: 'user', content: [] }],
    [
      'an unknown image detail',
      { role: 'user', content: [{ type: 'image_url', image_url: { url: 'u', detail: 'max' } }] },
    ],
    [
      'an unknown audio format',
      { role: 'user', content: [{ type: 'input_audio', input_audio: { data: 'x', format: 'ogg' } }] },
    ],
    [
      'a file part with neither file_data nor file_id',
      { role: 'user', content: [{ type: 'file', file: { filename: 'a.pdf' } }] },
    ],
    [
      'a file part whose file_data is not a string',
      { role: 'user', content: [{ type: 'file', file: { file_data: 1 } }] },
    ],
    [
      'a file part in a system message',
      { role: 'system', content: [{ type: 'file', file: { file_id: 'f' } }] },
    ],
    ['a tool message without tool_call_id', { role: 'tool', content: '21' }],
    [
      'an assistant message with an empty list of tool calls',
      { role: 'assistant', content: 'Hi', tool_calls: [] },
    ],
  ])('rejects %s', (_, message) => {
    expect(v.safeParse(ChatMessageSchema, message).success).toBe(false)
  })
})

describe('ChatMessagesSchema', () => {
  it('rejects an assistant message with neither content nor tool calls, at its content', () => {
    const result = v.safeParse(ChatMessagesSchema, [
      { role: 'user', content: 'Hi' },
      { role: 'assistant', content: null },
    ])
    expect(result.issues?.map((issue) => v.getDotPath(issue))).toEqual(['1.content'])
  })

  it('rejects an empty conversation', () => {
    expect(v.safeParse(ChatMessagesSchema, []).success).toBe(false)
  })
})

describe('ToolCallSchema', () => {
  it('accepts arguments that are not valid JSON, as the model wrote them', () => {
    const call = { ...toolCall, function: { name: 'f', arguments: '{"city": "Par' } }
    expect(v.parse(ToolCallSchema, call)).toEqual(call)
  })

  it('rejects a call of another type than function', () => {
    expect(v.safeParse(ToolCallSchema, { ...toolCall, type: 'custom' }).success).toBe(false)
  })
})
