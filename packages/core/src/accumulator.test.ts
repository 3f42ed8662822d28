import { openaiChunkOrder, parallelToolCallsInterleaved, twoChoicesInterleaved } from '@chatwire/testkit'
import { describe, expect, it } from 'vitest'
import { createAccumulator } from './accumulator.js'
import type { DeltaEvent } from './delta-events.js'
import type { ChatCompletionChunk } from './schema/chunk.js'

const meta = { id: 'chatcmpl-1', object: 'chat.completion.chunk', created: 1, model: 'm' }
const chunk = (choices: object[], fields: object = {}) =>
  ({ ...meta, ...fields, choices }) as ChatCompletionChunk
const asChunks = (chunks: object[]) => chunks as ChatCompletionChunk[]

function eventsOf(chunks: readonly ChatCompletionChunk[]): DeltaEvent[] {
  const events: DeltaEvent[] = []
  const accumulator = createAccumulator({ onEvent: (event) => events.push(event) })
  for (const c of chunks) accumulator.push(c)
  accumulator.finish()
  return events
}

describe('createAccumulator events', () => {
  it('reports content deltas and the finish, in stream order', () => {
    expect(eventsOf(asChunks(openaiChunkOrder.chunks))).toEqual([
      { type: 'content.delta', choiceIndex: 0, delta: 'Hello' },
      { type: 'content.delta', choiceIndex: 0, delta: ',' },
      { type: 'content.delta', choiceIndex: 0, delta: ' world' },
      { type: 'content.delta', choiceIndex: 0, delta: '!' },
      { type: 'finish', choiceIndex: 0, finishReason: 'stop' },
    ])
  })

  it('tags every event of interleaved choices with its choice index', () => {
    expect(eventsOf(asChunks(twoChoicesInterleaved.chunks))).toEqual([
      { type: 'content.delta', choiceIndex: 0, delta: 'Red' },
      { type: 'content.delta', choiceIndex: 1, delta: 'Blue' },
      { type: 'content.delta', choiceIndex: 1, delta: ' sky' },
      { type: 'content.delta', choiceIndex: 0, delta: ' apple' },
      { type: 'finish', choiceIndex: 1, finishReason: 'length' },
      { type: 'content.delta', choiceIndex: 0, delta: '.' },
      { type: 'finish', choiceIndex: 0, finishReason: 'stop' },
    ])
  })

  it('reports argument pieces of parallel calls and each call done once, before the finish', () => {
    const events = eventsOf(asChunks(parallelToolCallsInterleaved.chunks))
    const pieces = events.filter((e) => e.type === 'tool_call.arguments.delta')
    expect(pieces.slice(0, 3).map((e) => [e.toolIndex, e.id, e.name])).toEqual([
      [0, 'call_paris', 'get_weather'],
      [1, 'call_tokyo', 'get_weather'],
      [2, 'call_time', 'get_time'],
    ])
    expect(events.filter((e) => e.type !== 'tool_call.arguments.delta')).toEqual([
      {
        type: 'tool_call.done',
        choiceIndex: 0,
        toolIndex: 0,
        id: 'call_paris',
        name: 'get_weather',
        arguments: '{"city": "Paris", "unit": "celsius"}',
      },
      {
        type: 'tool_call.done',
        choiceIndex: 0,
        toolIndex: 1,
        id: 'call_tokyo',
        name: 'get_weather',
        arguments: '{"city": "Tokyo", "unit": "celsius"}',
      },
      {
        type: 'tool_call.done',
        choiceIndex: 0,
        toolIndex: 2,
        id: 'call_time',
        name: 'get_time',
        arguments: '{"zone": "Asia/Tokyo"}',
      },
      { type: 'finish', choiceIndex: 0, finishReason: 'tool_calls' },
    ])
  })

  it('names calls that start out of order by their index, their place in tool_calls', () => {
    const delta = (index: number, id?: string) =>
      chunk([
        { index: 0, delta: { tool_calls: [{ index, id, function: { name: `f${index}`, arguments: 'x' } }] } },
      ])
    const events = eventsOf([
      delta(1, 'b'),
      delta(0, 'a'),
      delta(1),
      chunk([{ index: 0, finish_reason: 'tool_calls' }]),
    ])
    expect(
      events.filter((e) => e.type === 'tool_call.arguments.delta').map((e) => [e.toolIndex, e.id]),
    ).toEqual([
      [1, 'b'],
      [0, 'a'],
      [1, 'b'],
    ])
    expect(events.filter((e) => e.type === 'tool_call.done').map((e) => [e.toolIndex, e.id])).toEqual([
      [0, 'a'],
      [1, 'b'],
    ])
  })

  it('gives every call its own toolIndex when a server numbers them all 0', () => {
    const delta = (id: string) =>
      chunk([{ index: 0, delta: { tool_calls: [{ index: 0, id, function: { name: 'f', arguments: id } }] } }])
    const events = eventsOf([delta('a'), delta('b'), delta('c')])
    expect(events.filter((e) => e.type === 'tool_call.arguments.delta').map((e) => e.toolIndex)).toEqual([
      0, 1, 2,
    ])
  })

  it('reports a tool call done at finish() when its choice never finished, and never twice', () => {
    const events: DeltaEvent[] = []
    const accumulator = createAccumulator({ onEvent: (event) => events.push(event) })
    accumulator.push(
      chunk([
        {
          index: 0,
          delta: { tool_calls: [{ index: 0, id: 'c1', function: { name: 'f', arguments: '{"a"' } }] },
        },
      ]),
    )
    accumulator.push(
      chunk([{ index: 0, delta: { tool_calls: [{ index: 0, function: { arguments: ':1}' } }] } }]),
    )
    expect(events.filter((e) => e.type === 'tool_call.done')).toEqual([])
    accumulator.finish()
    accumulator.finish()
    expect(events.filter((e) => e.type === 'tool_call.done')).toEqual([
      { type: 'tool_call.done', choiceIndex: 0, toolIndex: 0, id: 'c1', name: 'f', arguments: '{"a":1}' },
    ])
  })

  it('does not report a call done again when the finish reason repeats or pieces come after it', () => {
    const events: DeltaEvent[] = []
    const accumulator = createAccumulator({ onEvent: (event) => events.push(event) })
    const call = { index: 0, id: 'c1', function: { name: 'f', arguments: '{}' } }
    accumulator.push(chunk([{ index: 0, delta: { tool_calls: [call] }, finish_reason: 'tool_calls' }]))
    accumulator.push(chunk([{ index: 0, delta: {}, finish_reason: 'tool_calls' }]))
    accumulator.finish()
    expect(events.map((e) => e.type)).toEqual(['tool_call.arguments.delta', 'tool_call.done', 'finish'])
  })

  it('reports refusal, reasoning (either name) and audio deltas', () => {
    const events = eventsOf([
      chunk([{ index: 0, delta: { refusal: 'No.' } }]),
      chunk([{ index: 0, delta: { reasoning_content: 'Think' } }]),
      chunk([{ index: 0, delta: { reasoning: 'ing' } }]),
      chunk([{ index: 0, delta: { audio: { id: 'a1', transcript: 'Hi', data: 'AAA=' } } }]),
      chunk([{ index: 0, delta: { audio: { expires_at: 5 } } }]),
    ])
    expect(events).toEqual([
      { type: 'refusal.delta', choiceIndex: 0, delta: 'No.' },
      { type: 'reasoning.delta', choiceIndex: 0, delta: 'Think' },
      { type: 'reasoning.delta', choiceIndex: 0, delta: 'ing' },
      { type: 'audio.delta', choiceIndex: 0, data: 'AAA=', transcript: 'Hi' },
    ])
  })

  it('sends events to the listener given to push() instead of the one given at creation', () => {
    const atCreation: DeltaEvent[] = []
    const perPush: DeltaEvent[] = []
    const accumulator = createAccumulator({ onEvent: (event) => atCreation.push(event) })
    accumulator.push(chunk([{ index: 0, delta: { content: 'a' } }]), (event) => perPush.push(event))
    accumulator.push(chunk([{ index: 0, delta: { content: 'b' } }]))
    expect(perPush).toEqual([{ type: 'content.delta', choiceIndex: 0, delta: 'a' }])
    expect(atCreation).toEqual([{ type: 'content.delta', choiceIndex: 0, delta: 'b' }])
  })

  it('works with its methods detached from the object', () => {
    const { push, finish } = createAccumulator()
    for (const c of asChunks(openaiChunkOrder.chunks)) push(c)
    expect(finish()).toEqual(openaiChunkOrder.expected?.completion)
  })
})

describe('createAccumulator snapshots', () => {
  it('returns the same snapshot until the next push, and keeps untouched choices', () => {
    const accumulator = createAccumulator()
    accumulator.push(
      chunk([
        { index: 0, delta: { content: 'a' } },
        { index: 1, delta: { content: 'b' } },
      ]),
    )
    const first = accumulator.snapshot()
    expect(accumulator.snapshot()).toBe(first)
    expect(accumulator.completion()).toBe(first)
    accumulator.push(chunk([{ index: 1, delta: { content: 'c' } }]))
    const second = accumulator.snapshot()
    expect(second).not.toBe(first)
    expect(second.choices[0]).toBe(first.choices[0])
    expect(second.choices[1]?.message.content).toBe('bc')
  })

  it('never changes a snapshot already handed out', () => {
    const accumulator = createAccumulator()
    accumulator.push(
      chunk([
        {
          index: 0,
          delta: { content: 'a', annotations: [{ n: 1 }] },
          logprobs: { content: [{ token: 'a', logprob: 0 }] },
        },
      ]),
    )
    const first = structuredClone(accumulator.snapshot())
    const kept = accumulator.snapshot()
    accumulator.push(
      chunk([
        {
          index: 0,
          delta: { content: 'b', annotations: [{ n: 2 }] },
          logprobs: { content: [{ token: 'b', logprob: 0 }] },
        },
      ]),
    )
    expect(kept).toEqual(first)
    expect(accumulator.snapshot().choices[0]?.message.annotations).toEqual([{ n: 1 }, { n: 2 }])
  })

  it('starts empty', () => {
    expect(createAccumulator().snapshot()).toEqual({
      id: '',
      object: 'chat.completion',
      created: 0,
      model: '',
      choices: [],
    })
  })

  it('refuses chunks after finish()', () => {
    const accumulator = createAccumulator()
    const completion = accumulator.finish()
    expect(accumulator.finish()).toBe(completion)
    expect(() => accumulator.push(chunk([]))).toThrow(/after finish/)
  })
})
