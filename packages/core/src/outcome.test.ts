import { describe, expect, it } from 'vitest'
import { ChatError, RateLimitError, ServerError } from './errors.js'
import { outcome } from './outcome.js'
import type { ChatCompletion, ChatCompletionChoice, CompletionMessage } from './schema/response.js'

function choice(
  index: number,
  finish_reason: string | null,
  message: Partial<CompletionMessage> = {},
  extra: Partial<ChatCompletionChoice> = {},
): ChatCompletionChoice {
  return { index, message: { role: 'assistant', content: 'Hi', ...message }, finish_reason, ...extra }
}

function completion(...choices: ChatCompletionChoice[]): ChatCompletion {
  return {
    id: 'chatcmpl-1',
    object: 'chat.completion',
    created: 1_700_000_000,
    model: 'gpt-4o-mini',
    choices,
  }
}

function call(id: string, name: string, args: string) {
  return { id, type: 'function' as const, function: { name, arguments: args } }
}

const FILTER = { hate: { filtered: true, severity: 'high' }, violence: { filtered: false, severity: 'safe' } }

describe('outcome', () => {
  it('is stop for a finished reply', () => {
    const done = completion(choice(0, 'stop'))
    expect(outcome({ completion: done, complete: true })).toEqual({
      type: 'stop',
      completion: done,
      choice: 0,
    })
  })

  it('is length when the token limit cut the reply', () => {
    const cut = completion(choice(0, 'length'))
    expect(outcome({ completion: cut, complete: true })).toEqual({
      type: 'length',
      completion: cut,
      choice: 0,
    })
  })

  it("is length for Mistral's model_length", () => {
    const cut = completion(choice(0, 'model_length'))
    expect(outcome({ completion: cut, complete: true })).toEqual({
      type: 'length',
      completion: cut,
      choice: 0,
    })
  })

  it('is tool_calls with every call parsed, a bad JSON argument kept raw with its parse error', () => {
    const calls = [
      call('call_1', 'weather', '{"city":"Paris"}'),
      call('call_2', 'time', '{"zone": "CET"'),
      call('call_3', 'now', ''),
    ]
    const wants = completion(choice(0, 'tool_calls', { content: null, tool_calls: calls }))
    const result = outcome({ completion: wants, complete: true })

    expect(result).toEqual({
      type: 'tool_calls',
      completion: wants,
      choice: 0,
      calls: [
        { id: 'call_1', name: 'weather', arguments: '{"city":"Paris"}', input: { city: 'Paris' } },
        {
          id: 'call_2',
          name: 'time',
          arguments: '{"zone": "CET"',
          input: undefined,
          parseError: expect.any(String),
        },
        { id: 'call_3', name: 'now', arguments: '', input: {} },
      ],
    })
  })

  it('parses arguments that name __proto__ as plain data', () => {
    const wants = completion(
      choice(0, 'tool_calls', { tool_calls: [call('c', 'f', '{"__proto__":{"polluted":1}}')] }),
    )
    const result = outcome({ completion: wants, complete: true })
    const input = result.type === 'tool_calls' ? result.calls[0]?.input : undefined

    expect(Object.keys(input as object)).toEqual(['__proto__'])
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it('is tool_calls for the legacy function_call', () => {
    const wants = completion(
      choice(0, 'function_call', {
        content: null,
        function_call: { name: 'weather', arguments: '{"city":"Oslo"}' },
      }),
    )
    expect(outcome({ completion: wants, complete: true })).toEqual({
      type: 'tool_calls',
      completion: wants,
      choice: 0,
      calls: [{ id: '', name: 'weather', arguments: '{"city":"Oslo"}', input: { city: 'Oslo' } }],
    })
  })

  it("is content_filter with the choice's filter results", () => {
    const filtered = completion(
      choice(0, 'content_filter', { content: null }, { content_filter_results: FILTER }),
    )
    expect(outcome({ completion: filtered, complete: true })).toEqual({
      type: 'content_filter',
      completion: filtered,
      choice: 0,
      results: FILTER,
    })
  })

  it('is refusal when the model refused, even though it reported stop', () => {
    const refused = completion(choice(0, 'stop', { content: null, refusal: "I can't help with that." }))
    expect(outcome({ completion: refused, complete: true })).toEqual({
      type: 'refusal',
      completion: refused,
      choice: 0,
      refusal: "I can't help with that.",
    })
  })

  it('is stop when the refusal is empty', () => {
    const done = completion(choice(0, 'stop', { refusal: '' }))
    expect(outcome({ completion: done, complete: true })).toEqual({
      type: 'stop',
      completion: done,
      choice: 0,
    })
  })

  it('is incomplete (no_done) with the partial when the stream ended without [DONE]', () => {
    const partial = completion(choice(0, null, { content: 'Hel' }))
    expect(outcome({ completion: partial, complete: false })).toEqual({
      type: 'incomplete',
      reason: 'no_done',
      completion: partial,
      choice: 0,
    })
  })

  it.each([null, ''])('is incomplete (no_finish_reason) when finish_reason is %j', (finish) => {
    const partial = completion(choice(0, finish))
    expect(outcome({ completion: partial, complete: true })).toEqual({
      type: 'incomplete',
      reason: 'no_finish_reason',
      completion: partial,
      choice: 0,
    })
  })

  it('is incomplete (no_finish_reason) when the asked-for choice never arrived', () => {
    const empty = completion()
    expect(outcome({ completion: empty, complete: true, choice: 1 })).toEqual({
      type: 'incomplete',
      reason: 'no_finish_reason',
      completion: empty,
      choice: 1,
    })
  })

  it('is error with the partial when an error ended the stream, whatever else is known', () => {
    const error = new RateLimitError('Rate limit reached.')
    const partial = completion(choice(0, 'stop'))
    expect(outcome({ completion: partial, complete: false, error })).toEqual({
      type: 'error',
      error,
      completion: partial,
      choice: 0,
    })
  })

  it.each(['error', 'insufficient_system_resource'])(
    'is error (a ServerError) for the finish reason %j',
    (finish) => {
      const failed = completion(choice(0, finish))
      const result = outcome({ completion: failed, complete: true })

      expect(result).toEqual({ type: 'error', error: expect.any(ServerError), completion: failed, choice: 0 })
      expect(result.type === 'error' && result.error.toJSON()).toEqual({
        name: 'ServerError',
        message: `The model stopped with finish_reason "${finish}"`,
        status: undefined,
        code: undefined,
        requestId: undefined,
      })
      expect(result.type === 'error' && result.error.partial).toBe(failed)
    },
  )

  it('is other, with the raw reason, for a finish reason it does not know', () => {
    const odd = completion(choice(0, 'recitation'))
    expect(outcome({ completion: odd, complete: true })).toEqual({
      type: 'other',
      finishReason: 'recitation',
      completion: odd,
      choice: 0,
    })
  })

  it('describes the choice asked for by its index when n > 1, whatever the array order', () => {
    const many = completion(
      choice(2, 'content_filter', {}, { content_filter_results: FILTER }),
      choice(0, 'stop'),
      choice(1, 'length'),
    )
    const results = [0, 1, 2].map((index) => outcome({ completion: many, complete: true, choice: index }))

    expect(results).toEqual([
      { type: 'stop', completion: many, choice: 0 },
      { type: 'length', completion: many, choice: 1 },
      { type: 'content_filter', results: FILTER, completion: many, choice: 2 },
    ])
  })

  it('keeps a plain ChatError as it is', () => {
    const error = new ChatError('the stream reported an error')
    const partial = completion()
    expect(outcome({ completion: partial, complete: true, error })).toEqual({
      type: 'error',
      error,
      completion: partial,
      choice: 0,
    })
  })
})
