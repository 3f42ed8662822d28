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
    expect(outcome({ completion: done })).toEqual({
      type: 'stop',
      completion: done,
      choice: 0,
    })
  })

  it('is length when the token limit cut the reply', () => {
    const cut = completion(choice(0, 'length'))
    expect(outcome({ completion: cut })).toEqual({
      type: 'length',
      completion: cut,
      choice: 0,
    })
  })

  it("is length for Mistral's model_length", () => {
    const cut = completion(choice(0, 'model_length'))
    expect(outcome({ completion: cut })).toEqual({
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
    const result = outcome({ completion: wants })

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
    const result = outcome({ completion: wants })
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
    expect(outcome({ completion: wants })).toEqual({
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
    expect(outcome({ completion: filtered })).toEqual({
      type: 'content_filter',
      completion: filtered,
      choice: 0,
      results: FILTER,
    })
  })

  it('is refusal when the model refused, even though it reported stop', () => {
    const refused = completion(choice(0, 'stop', { content: null, refusal: "I can't help with that." }))
    expect(outcome({ completion: refused })).toEqual({
      type: 'refusal',
      completion: refused,
      choice: 0,
      refusal: "I can't help with that.",
    })
  })

  it('is stop when the refusal is empty', () => {
    const done = completion(choice(0, 'stop', { refusal: '' }))
    expect(outcome({ completion: done })).toEqual({
      type: 'stop',
      completion: done,
      choice: 0,
    })
  })

  it('is incomplete (truncated) when the bytes ended inside a frame, even after a finish reason', () => {
    const cut = completion(choice(0, 'stop', { content: 'Hel' }))
    expect(outcome({ completion: cut, truncated: true })).toEqual({
      type: 'incomplete',
      reason: 'truncated',
      completion: cut,
      choice: 0,
    })
  })

  it('goes by the finish reason when nothing says the bytes were cut (a stream without [DONE])', () => {
    const finished = completion(choice(0, 'tool_calls', { content: null }))
    expect(outcome({ completion: finished, truncated: false })).toMatchObject({
      type: 'tool_calls',
      calls: [],
    })
  })

  it.each([null, ''])('is incomplete (no_finish_reason) when finish_reason is %j', (finish) => {
    const partial = completion(choice(0, finish))
    expect(outcome({ completion: partial })).toEqual({
      type: 'incomplete',
      reason: 'no_finish_reason',
      completion: partial,
      choice: 0,
    })
  })

  it('is incomplete (no_finish_reason) when the asked-for choice never arrived', () => {
    const empty = completion()
    expect(outcome({ completion: empty, choice: 1 })).toEqual({
      type: 'incomplete',
      reason: 'no_finish_reason',
      completion: empty,
      choice: 1,
    })
  })

  it('is error with the partial when an error ended the stream, whatever else is known', () => {
    const error = new RateLimitError('Rate limit reached.')
    const partial = completion(choice(0, 'stop'))
    expect(outcome({ completion: partial, error })).toEqual({
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
      const result = outcome({ completion: failed })

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

  it.each(['eos', 'eos_token'])('is stop for %s (Together, watsonx): a clean end of sequence', (finish) => {
    const done = completion(choice(0, finish))
    expect(outcome({ completion: done })).toEqual({ type: 'stop', completion: done, choice: 0 })
  })

  it.each(['stop', 'eos'])(
    'is tool_calls, every call parsed, for a reply that finished with %s and has tool calls (a named tool_choice)',
    (finish) => {
      const calls = [call('call_1', 'get_weather', '{"city":"Paris"}'), call('call_2', 'get_time', '')]
      const done = completion(choice(0, finish, { content: null, tool_calls: calls }))
      expect(outcome({ completion: done })).toEqual({
        type: 'tool_calls',
        calls: [
          { id: 'call_1', name: 'get_weather', arguments: '{"city":"Paris"}', input: { city: 'Paris' } },
          { id: 'call_2', name: 'get_time', arguments: '', input: {} },
        ],
        completion: done,
        choice: 0,
      })
    },
  )

  it('is tool_calls for a legacy function_call that finished with stop', () => {
    const done = completion(
      choice(0, 'stop', { content: null, function_call: { name: 'get_weather', arguments: '{}' } }),
    )
    expect(outcome({ completion: done })).toMatchObject({
      type: 'tool_calls',
      calls: [{ id: '', name: 'get_weather', input: {} }],
    })
  })

  it('is stop for a finished reply whose tool_calls list is empty', () => {
    const done = completion(choice(0, 'stop', { tool_calls: [] }))
    expect(outcome({ completion: done }).type).toBe('stop')
  })

  it.each([
    ['length', 'length'],
    ['content_filter', 'content_filter'],
    ['recitation', 'other'],
    ['error', 'error'],
  ])(
    'keeps %s as %s when the message has tool calls: only a finished reply asks for them',
    (finish, type) => {
      const ended = completion(choice(0, finish, { tool_calls: [call('call_1', 'get_weather', '{"ci')] }))
      expect(outcome({ completion: ended }).type).toBe(type)
    },
  )

  it('is refusal, not tool_calls, when a reply that finished with stop refused beside its calls', () => {
    const refused = completion(
      choice(0, 'stop', { refusal: 'No.', tool_calls: [call('call_1', 'get_weather', '{}')] }),
    )
    expect(outcome({ completion: refused }).type).toBe('refusal')
  })

  it('is other, with the raw reason, for a finish reason it does not know', () => {
    const odd = completion(choice(0, 'recitation'))
    expect(outcome({ completion: odd })).toEqual({
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
    const results = [0, 1, 2].map((index) => outcome({ completion: many, choice: index }))

    expect(results).toEqual([
      { type: 'stop', completion: many, choice: 0 },
      { type: 'length', completion: many, choice: 1 },
      { type: 'content_filter', results: FILTER, completion: many, choice: 2 },
    ])
  })

  it('keeps a plain ChatError as it is', () => {
    const error = new ChatError('the stream reported an error')
    const partial = completion()
    expect(outcome({ completion: partial, error })).toEqual({
      type: 'error',
      error,
      completion: partial,
      choice: 0,
    })
  })

  describe('a non-conforming reply', () => {
    const odd = (shape: object) => ({ ...completion(), choices: [shape] }) as unknown as ChatCompletion

    it('is incomplete (no_finish_reason) for a choice without a finish_reason key, and does not throw', () => {
      const reply = odd({ index: 0, message: { role: 'assistant', content: 'SECRET words' } })
      expect(outcome({ completion: reply })).toEqual({
        type: 'incomplete',
        reason: 'no_finish_reason',
        completion: reply,
        choice: 0,
      })
    })

    it.each([
      ['a finish_reason that is a number', { index: 0, finish_reason: 7, message: {} }, 'incomplete'],
      ['stop without a message', { index: 0, finish_reason: 'stop' }, 'stop'],
      ['tool_calls without a message', { index: 0, finish_reason: 'tool_calls' }, 'tool_calls'],
    ])('reduces %s without throwing', (_name, shape, type) => {
      expect(outcome({ completion: odd(shape) }).type).toBe(type)
    })

    it('reads tool calls without function, id or string arguments as empty', () => {
      const reply = odd({
        index: 0,
        finish_reason: 'tool_calls',
        message: { tool_calls: [{ id: 'call_1' }, null, { function: { name: 'f', arguments: 42 } }] },
      })
      expect(outcome({ completion: reply })).toMatchObject({
        type: 'tool_calls',
        calls: [
          { id: 'call_1', name: '', arguments: '', input: {} },
          { id: '', name: 'f', arguments: '', input: {} },
        ],
      })
    })
  })

  it('says why arguments are not JSON without quoting them', () => {
    const bad = completion(choice(0, 'tool_calls', { tool_calls: [call('c', 'f', '{"q": SECRET')] }))
    const result = outcome({ completion: bad })
    expect(result).toMatchObject({
      type: 'tool_calls',
      calls: [{ input: undefined, parseError: expect.stringMatching(/^Invalid JSON: syntax error/) }],
    })
    expect(JSON.stringify(result.type === 'tool_calls' && result.calls[0]?.parseError)).not.toContain(
      'SECRET',
    )
  })
})
