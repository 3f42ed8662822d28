import { describe, expect, it } from 'vitest'
import { accumulate } from './accumulate.js'
import { createAccumulator } from './accumulator.js'
import { MalformedStreamError } from './errors.js'
import type { ChatCompletionChunk } from './schema/chunk.js'

const meta = { id: 'chatcmpl-1', object: 'chat.completion.chunk', created: 1, model: 'm' }
const chunk = (choices: object[], fields: object = {}) =>
  ({ ...meta, ...fields, choices }) as ChatCompletionChunk
// Chunks as the wire gives them: JSON.parse makes `__proto__` an own data property, as a server could send it.
const parsed = (json: string) => JSON.parse(json) as ChatCompletionChunk

function malformed(chunks: ChatCompletionChunk[]): MalformedStreamError {
  try {
    accumulate(chunks)
  } catch (error) {
    expect(error).toBeInstanceOf(MalformedStreamError)
    return error as MalformedStreamError
  }
  throw new Error('accumulate did not throw')
}

const BAD_INDICES: [string, unknown][] = [
  ['negative', -1],
  ['fractional', 1.5],
  ['at the cap', 1024],
  ['huge', 2 ** 53],
  ['NaN', Number.NaN],
  ['a numeric string', '0'],
  ['__proto__', '__proto__'],
  ['constructor', 'constructor'],
  ['an object', {}],
]

describe('accumulator index validation', () => {
  it.each(BAD_INDICES)('rejects a choice index that is %s', (_, index) => {
    const error = malformed([
      chunk([{ index: 0, delta: { content: 'SECRET-TEXT' } }]),
      chunk([{ index, delta: { content: 'x' } }]),
    ])
    expect(error.message).toMatch(/choice index/)
    expect(error.message).not.toMatch(/SECRET-TEXT|__proto__/)
    expect(error.partial?.choices[0]?.message.content).toBe('SECRET-TEXT')
  })

  it.each(BAD_INDICES)('rejects a tool-call index that is %s', (_, index) => {
    const error = malformed([
      chunk([{ index: 0, delta: { tool_calls: [{ index, id: 'c', function: { arguments: '{}' } }] } }]),
    ])
    expect(error.message).toMatch(/tool call index/)
  })

  it('accepts the highest index below the cap', () => {
    const completion = accumulate([
      chunk([{ index: 1023, delta: { tool_calls: [{ index: 1023, id: 'c' }] } }]),
    ])
    expect(completion.choices.map((c) => [c.index, c.message.tool_calls?.length])).toEqual([[1023, 1]])
  })

  it('rejects a choice that starts more tool calls than the cap', () => {
    const calls = Array.from({ length: 1025 }, (_, i) => ({
      id: `call_${i}`,
      function: { name: 'f', arguments: '' },
    }))
    expect(malformed([chunk([{ index: 0, delta: { tool_calls: calls } }])]).message).toMatch(
      /more than 1024 tool calls/,
    )
  })

  it.each([
    ['content is a number', { content: 5 }],
    ['refusal is an object', { refusal: {} }],
    ['tool_calls is an object', { tool_calls: {} }],
    ['a tool call is a string', { tool_calls: ['x'] }],
    ['arguments are a number', { tool_calls: [{ index: 0, function: { arguments: 1 } }] }],
  ])('rejects a delta whose %s', (_, delta) => {
    expect(malformed([chunk([{ index: 0, delta }])])).toBeInstanceOf(MalformedStreamError)
  })

  it('rejects choices that are not an array and a finish_reason that is not a string', () => {
    malformed([{ ...meta, choices: { 0: {} } } as unknown as ChatCompletionChunk])
    malformed([chunk([{ index: 0, finish_reason: 1 }])])
  })
})

describe('tool-call arguments sent as an object', () => {
  it('become their JSON text, and one nested too deeply to write back is a MalformedStreamError with the partial', () => {
    const call = (args: unknown) => ({
      index: 0,
      id: 'call_1',
      type: 'function',
      function: { name: 'f', arguments: args },
    })
    const text = chunk([{ index: 0, delta: { content: 'PARTIAL' } }])
    expect(
      accumulate([chunk([{ index: 0, delta: { tool_calls: [call({ city: 'Paris' })] } }])]).choices[0]
        ?.message.tool_calls?.[0]?.function.arguments,
    ).toBe('{"city":"Paris"}')
    // JSON.parse takes any depth; JSON.stringify overflows the stack somewhere near 10,000 levels.
    const deep = parsed(
      `{"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"call_1","type":"function","function":{"name":"f","arguments":${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}}}]}}]}`,
    )
    const error = malformed([text, deep])
    expect(error.message).toBe('A chunk has tool call arguments nested too deeply to be written as JSON text')
    expect(error.partial?.choices[0]?.message.content).toBe('PARTIAL')
  })
})

describe('accumulator and prototypes', () => {
  it('keeps provider keys named __proto__ or constructor as plain data', () => {
    const completion = accumulate([
      parsed(
        '{"id":"x","object":"chat.completion.chunk","created":1,"model":"m","__proto__":{"polluted":1},' +
          '"choices":[{"index":0,"__proto__":{"polluted":2},"content_filter_results":{"__proto__":{"polluted":3},"hate":{"filtered":false}},' +
          '"delta":{"__proto__":{"polluted":4},"tool_calls":[{"index":0,"id":"__proto__","type":"function","__proto__":{"polluted":5},' +
          '"function":{"name":"constructor","arguments":"{}"}}]}}]}',
      ),
      parsed(
        '{"id":"x","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"tool_calls":[{"id":"constructor","function":{"arguments":"[]"}}]}}]}',
      ),
    ])
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    expect(Object.getPrototypeOf(completion)).toBe(Object.prototype)
    expect(Object.getOwnPropertyDescriptor(completion, '__proto__')?.value).toEqual({ polluted: 1 })
    const choice = completion.choices[0]
    expect(Object.getPrototypeOf(choice)).toBe(Object.prototype)
    expect(Object.getOwnPropertyDescriptor(choice, '__proto__')?.value).toEqual({ polluted: 2 })
    expect(Object.getOwnPropertyDescriptor(choice?.content_filter_results, '__proto__')?.value).toEqual({
      polluted: 3,
    })
    expect(Object.getOwnPropertyDescriptor(choice?.message, '__proto__')?.value).toEqual({ polluted: 4 })
    const calls = choice?.message.tool_calls ?? []
    expect(calls.map((call) => [call.id, call.function.name, call.function.arguments])).toEqual([
      ['__proto__', 'constructor', '{}'],
      ['constructor', '', '[]'],
    ])
    expect(Object.getOwnPropertyDescriptor(calls[0], '__proto__')?.value).toEqual({ polluted: 5 })
  })
})

describe('accumulator string building', () => {
  // No time is asserted (a loaded machine may be slow); a quadratic build would blow the 30 s safety timeout.
  it('builds 200,000 one-character deltas read every 1,000 chunks in linear time', () => {
    const accumulator = createAccumulator()
    const piece = chunk([{ index: 0, delta: { content: 'x' } }])
    for (let i = 1; i <= 200_000; i++) {
      accumulator.push(piece)
      if (i % 1000 === 0) expect(accumulator.snapshot().choices[0]?.message.content?.length).toBe(i)
    }
    expect(accumulator.finish().choices[0]?.message.content).toBe('x'.repeat(200_000))
  })

  it('builds 200,000 one-character argument pieces read every 1,000 chunks in linear time', () => {
    const accumulator = createAccumulator()
    accumulator.push(
      chunk([{ index: 0, delta: { tool_calls: [{ index: 0, id: 'c', function: { name: 'f' } }] } }]),
    )
    const piece = chunk([{ index: 0, delta: { tool_calls: [{ index: 0, function: { arguments: 'y' } }] } }])
    for (let i = 1; i <= 200_000; i++) {
      accumulator.push(piece)
      if (i % 1000 === 0)
        expect(accumulator.snapshot().choices[0]?.message.tool_calls?.[0]?.function.arguments.length).toBe(i)
    }
    expect(accumulator.finish().choices[0]?.message.tool_calls?.[0]?.function.arguments).toBe(
      'y'.repeat(200_000),
    )
  })
})
