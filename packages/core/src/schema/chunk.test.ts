import { allFixtures, recordedFixtures } from '@chatwire/testkit'
import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { ChatCompletionChunkSchema } from './chunk.js'

const base = { id: 'chatcmpl-1', object: 'chat.completion.chunk', created: 1_760_000_000, model: 'gpt-4o' }

describe('ChatCompletionChunkSchema', () => {
  it('has the recorded streams to check', () => {
    expect(recordedFixtures().length).toBeGreaterThan(0)
  })

  it.each(allFixtures().map((fixture) => [fixture.name, fixture.chunks] as const))(
    'parses every chunk of %s unchanged',
    (_, chunks) => {
      const failures = chunks
        .map((chunk, line) => ({ line, result: v.safeParse(ChatCompletionChunkSchema, chunk) }))
        .filter(({ result }) => !result.success)
        .map(({ line, result }) => ({ line, paths: result.issues?.map((issue) => v.getDotPath(issue)) }))
      expect(failures).toEqual([])
      expect(chunks.map((chunk) => v.parse(ChatCompletionChunkSchema, chunk))).toEqual(chunks)
    },
  )

  it.each<[string, unknown]>([
    [
      "Azure's prompt-filter first chunk",
      {
        id: '',
        object: '',
        created: 0,
        model: '',
        choices: [],
        prompt_filter_results: [
          { prompt_index: 0, content_filter_results: { hate: { filtered: false, severity: 'safe' } } },
        ],
      },
    ],
    [
      "Azure's annotation chunk without delta after the finish",
      {
        ...base,
        choices: [
          {
            index: 0,
            finish_reason: null,
            content_filter_offsets: { check_offset: 0, start_offset: 0, end_offset: 20 },
            content_filter_results: { violence: { filtered: false, severity: 'safe' } },
          },
        ],
      },
    ],
    [
      'tool call pieces without index or type (Azure AI Model Inference)',
      {
        ...base,
        choices: [
          { index: 0, delta: { tool_calls: [{ id: 'call_1', function: { name: 'f', arguments: '{"a"' } }] } },
        ],
      },
    ],
    [
      'a tool call piece with only index and arguments',
      {
        ...base,
        choices: [
          {
            index: 0,
            delta: { tool_calls: [{ index: 1, function: { arguments: ':1}' } }] },
            finish_reason: null,
          },
        ],
      },
    ],
    [
      'an empty finish reason',
      { ...base, choices: [{ index: 0, delta: { content: 'x' }, finish_reason: '' }] },
    ],
    [
      'logprobs for content and refusal',
      {
        ...base,
        choices: [
          {
            index: 0,
            delta: { refusal: 'No' },
            logprobs: {
              content: null,
              refusal: [{ token: 'No', logprob: -0.1, bytes: [78, 111], top_logprobs: [] }],
            },
          },
        ],
      },
    ],
    [
      'an audio piece',
      {
        ...base,
        choices: [
          { index: 0, delta: { audio: { id: 'audio_1', data: 'UklG', transcript: 'Hel', expires_at: 1 } } },
        ],
      },
    ],
    [
      'a usage-only last chunk',
      { ...base, choices: [], usage: { prompt_tokens: 1, completion_tokens: 2, total_tokens: 3 } },
    ],
    [
      'n > 1 choices in one chunk',
      {
        ...base,
        choices: [
          { index: 0, delta: { content: 'a' } },
          { index: 1, delta: { content: 'b' } },
        ],
      },
    ],
  ])('accepts %s unchanged', (_, chunk) => {
    expect(v.parse(ChatCompletionChunkSchema, chunk)).toEqual(chunk)
  })

  it.each<[string, unknown]>([
    ['an error payload', { error: { message: 'Internal error', code: 500 } }],
    ['choices that are not a list', { ...base, choices: {} }],
    [
      'a tool call index that is a string',
      { ...base, choices: [{ index: 0, delta: { tool_calls: [{ index: '0' }] } }] },
    ],
    ['content that is a number', { ...base, choices: [{ index: 0, delta: { content: 1 } }] }],
  ])('rejects %s', (_, chunk) => {
    expect(v.safeParse(ChatCompletionChunkSchema, chunk).success).toBe(false)
  })
})
