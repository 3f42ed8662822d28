import { handMadeFixtures } from '@chatwire/testkit'
import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { foldReplyContent } from '../reply-content.js'
import { type ChatCompletion, ChatCompletionSchema } from './response.js'
import { UsageSchema } from './usage.js'

const tokenLogprob = (token: string, logprob: number) => ({
  token,
  logprob,
  bytes: [...new TextEncoder().encode(token)],
  top_logprobs: [
    { token, logprob, bytes: [...new TextEncoder().encode(token)] },
    { token: 'x', logprob: -3.2, bytes: null },
  ],
})

const completion = {
  id: 'chatcmpl-123',
  object: 'chat.completion',
  created: 1_760_000_000,
  model: 'gpt-4o-audio-preview',
  system_fingerprint: 'fp_abc',
  service_tier: 'default',
  prompt_filter_results: [
    {
      prompt_index: 0,
      content_filter_results: {
        hate: { filtered: false, severity: 'safe' },
        jailbreak: { filtered: false, detected: false },
      },
    },
  ],
  choices: [
    {
      index: 0,
      message: { role: 'assistant', content: 'Hi there', refusal: null, annotations: [] },
      finish_reason: 'stop',
      logprobs: { content: [tokenLogprob('Hi', -0.01), tokenLogprob(' there', -0.2)], refusal: null },
      content_filter_results: { violence: { filtered: false, severity: 'safe' } },
    },
    {
      index: 1,
      message: { role: 'assistant', content: null, refusal: 'I cannot help with that.' },
      finish_reason: 'stop',
      logprobs: { content: null, refusal: [tokenLogprob('I', -0.5)] },
    },
    {
      index: 2,
      message: {
        role: 'assistant',
        content: null,
        tool_calls: [
          {
            id: 'call_1',
            type: 'function',
            function: { name: 'get_weather', arguments: '{"city":"Paris"}' },
          },
          { id: 'call_2', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Rome"}' } },
        ],
      },
      finish_reason: 'tool_calls',
      logprobs: null,
    },
    {
      index: 3,
      message: {
        role: 'assistant',
        content: null,
        audio: { id: 'audio_1', data: 'UklGRg==', transcript: 'Hello!', expires_at: 1_760_003_600 },
        reasoning_content: 'Say hello.',
      },
      finish_reason: 'length',
    },
  ],
  usage: {
    prompt_tokens: 20,
    completion_tokens: 30,
    total_tokens: 50,
    prompt_tokens_details: { cached_tokens: 10, audio_tokens: 0 },
    completion_tokens_details: {
      reasoning_tokens: 5,
      audio_tokens: 8,
      accepted_prediction_tokens: 0,
      rejected_prediction_tokens: 0,
    },
    total_time: 0.42,
  },
}

describe('ChatCompletionSchema', () => {
  it('accepts a completion with logprobs, a refusal, tool calls and audio, unchanged', () => {
    expect(v.parse(ChatCompletionSchema, completion)).toEqual(completion)
  })

  it.each(
    handMadeFixtures.flatMap((fixture) =>
      fixture.expected?.completion === undefined
        ? []
        : [[fixture.name, fixture.expected.completion] as const],
    ),
  )('accepts the completion expected from the %s stream, unchanged', (_, expected) => {
    expect(v.parse(ChatCompletionSchema, expected)).toEqual(expected)
  })

  it('accepts the smallest completion', () => {
    const smallest = {
      id: 'c',
      object: 'chat.completion',
      created: 0,
      model: 'm',
      choices: [{ index: 0, message: { role: 'assistant', content: 'ok' }, finish_reason: 'stop' }],
    }
    expect(v.parse(ChatCompletionSchema, smallest)).toEqual(smallest)
  })

  it.each([null, 'end_turn', 'eos', ''])('keeps a finish reason of %j as it came', (finishReason) => {
    const input = { ...completion, choices: [{ ...completion.choices[0], finish_reason: finishReason }] }
    expect(v.parse(ChatCompletionSchema, input).choices[0]?.finish_reason).toBe(finishReason)
  })

  it('describes content as text: parts (Mistral) are folded as the reply is read, and fit once folded', () => {
    const content = [
      { type: 'thinking', thinking: [{ type: 'text', text: '2+2' }] },
      { type: 'text', text: '4' },
    ]
    const input = {
      ...completion,
      choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
    }
    expect(v.safeParse(ChatCompletionSchema, input).success).toBe(false)
    expect(
      v.parse(ChatCompletionSchema, foldReplyContent(input as unknown as ChatCompletion)).choices[0]?.message,
    ).toEqual({ role: 'assistant', content: '4', reasoning_content: '2+2' })
  })

  it('passes provider fields through unchanged', () => {
    const input = { ...completion, citations: ['https://example.com'], x_groq: { id: 'req_1' } }
    expect(v.parse(ChatCompletionSchema, input)).toEqual(input)
  })

  it.each([
    ['a chunk object', { ...completion, object: 'chat.completion.chunk' }],
    ['no choices', { ...completion, choices: undefined }],
    ['a choice without message', { ...completion, choices: [{ index: 0, finish_reason: 'stop' }] }],
    [
      'a tool call without arguments',
      {
        ...completion,
        choices: [
          {
            index: 0,
            finish_reason: 'tool_calls',
            message: {
              role: 'assistant',
              content: null,
              tool_calls: [{ id: 'c', type: 'function', function: { name: 'f' } }],
            },
          },
        ],
      },
    ],
  ])('rejects %s', (_, input) => {
    expect(v.safeParse(ChatCompletionSchema, input).success).toBe(false)
  })
})

describe('UsageSchema', () => {
  it.each([
    [
      'OpenAI details',
      {
        prompt_tokens: 16,
        completion_tokens: 300,
        total_tokens: 316,
        prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
        completion_tokens_details: {
          reasoning_tokens: 0,
          audio_tokens: 0,
          accepted_prediction_tokens: 0,
          rejected_prediction_tokens: 0,
        },
      },
    ],
    [
      'null details and top-level reasoning_tokens (DeepSeek on Azure AI)',
      {
        prompt_tokens: 9,
        completion_tokens: 2,
        total_tokens: 11,
        prompt_tokens_details: null,
        reasoning_tokens: 0,
      },
    ],
    ['no details at all (Mistral)', { prompt_tokens: 13, total_tokens: 21, completion_tokens: 8 }],
    [
      'Groq timings',
      {
        queue_time: 0.04,
        prompt_tokens: 210,
        prompt_time: 0.01,
        completion_tokens: 15,
        completion_time: 0.05,
        total_tokens: 225,
        total_time: 0.06,
      },
    ],
    [
      'DeepSeek cache counts',
      {
        prompt_tokens: 10,
        completion_tokens: 1,
        total_tokens: 11,
        prompt_cache_hit_tokens: 0,
        prompt_cache_miss_tokens: 10,
      },
    ],
  ])('accepts usage with %s, unchanged', (_, usage) => {
    expect(v.parse(UsageSchema, usage)).toEqual(usage)
  })

  it('rejects usage without token counts', () => {
    expect(v.safeParse(UsageSchema, { total_time: 1 }).success).toBe(false)
  })
})
