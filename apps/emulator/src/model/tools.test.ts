import { describe, expect, it } from 'vitest'
import type { ToolView } from '../chat-request.js'
import { intendedToolCalls, keywordsOf } from './tools.js'

const weather: ToolView = {
  type: 'function',
  function: {
    name: 'get_weather',
    parameters: {
      type: 'object',
      properties: { location: { type: 'string' }, unit: { type: 'string', enum: ['celsius', 'fahrenheit'] } },
      required: ['location', 'unit'],
    },
  },
}
const time: ToolView = {
  type: 'function',
  function: {
    name: 'getLocalTime',
    parameters: { type: 'object', properties: { city: { type: 'string' } } },
  },
}

describe('intendedToolCalls', () => {
  it('calls a tool named by a word of the message, with the subject as its argument', () => {
    expect(intendedToolCalls("What's the weather in Paris?", [weather], undefined, undefined, 0)).toEqual([
      { name: 'get_weather', arguments: { location: 'Paris', unit: 'celsius' } },
    ])
  })

  it('makes one call per subject, and one per tool', () => {
    expect(
      intendedToolCalls('weather in Paris and Tokyo', [weather], 'auto', true, 0).map(
        (call) => (call.arguments as { location: string }).location,
      ),
    ).toEqual(['Paris', 'Tokyo'])
    expect(
      intendedToolCalls('the weather in Oslo and the time in Lima', [weather, time], 'auto', true, 0),
    ).toEqual([
      { name: 'get_weather', arguments: { location: 'Oslo', unit: 'celsius' } },
      { name: 'getLocalTime', arguments: { city: 'Lima' } },
    ])
  })

  it('honours tool_choice and parallel_tool_calls', () => {
    expect(intendedToolCalls('weather in Paris', [weather], 'none', true, 0)).toEqual([])
    expect(intendedToolCalls('weather in Paris and Rome', [weather], 'auto', false, 0)).toHaveLength(1)
    expect(intendedToolCalls('hello', [weather, time], 'required', true, 0).map((call) => call.name)).toEqual(
      ['get_weather'],
    )
    const named = intendedToolCalls(
      'hello',
      [weather, time],
      { type: 'function', function: { name: 'getLocalTime' } },
      true,
      0,
    )
    expect(named.map((call) => call.name)).toEqual(['getLocalTime'])
  })

  it('calls nothing when no tool is mentioned', () => {
    expect(intendedToolCalls('tell me a story', [weather, time], 'auto', true, 0)).toEqual([])
  })

  it('takes the meaningful words of a tool name', () => {
    expect(keywordsOf('get_current_weather')).toEqual(['weather'])
    expect(keywordsOf('lookupStockPrice')).toEqual(['stock', 'price'])
  })
})

describe('intendedToolCalls on hostile text', () => {
  it('handles a long run of punctuation that does not end the message in one pass', () => {
    // `/[?.!;:]+\s*$/` took 76 s on these 100 KB; the test would time out.
    const calls = intendedToolCalls(`weather in ${'?'.repeat(100_000)}x`, [weather], 'auto', true, 0)
    expect(calls).toHaveLength(1)
  })

  it('makes at most 32 calls, however many subjects are listed', () => {
    const places = Array.from({ length: 100 }, (_, i) => `P${i}`).join(', ')
    expect(intendedToolCalls(`weather in ${places}`, [weather], 'auto', true, 0)).toHaveLength(32)
  })
})
