import { describe, expect, it } from 'vitest'
import type { ChatRequestView, MessageView, ToolView } from '../chat-request.js'
import { planReply, REFUSAL_TEXT } from './plan.js'

const weather: ToolView = {
  type: 'function',
  function: {
    name: 'get_weather',
    parameters: {
      type: 'object',
      properties: { city: { type: 'string' } },
      required: ['city'],
      additionalProperties: false,
    },
  },
}
const time: ToolView = {
  type: 'function',
  function: {
    name: 'get_time',
    parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
  },
}

interface Turn {
  calls: { name: string; arguments: string }[]
  text: string | null
}

/** Plays the tool loop as a client would: each call answered by `answer`, at most `rounds` model calls. */
function play(content: string, answer: (name: string, args: string) => string, rounds = 6): Turn[] {
  const messages: MessageView[] = [{ role: 'user', content }]
  const turns: Turn[] = []
  for (let i = 0; i < rounds; i++) {
    const request: ChatRequestView = { model: 'gpt-4o-mini', messages, tools: [weather, time] }
    const choice = planReply(request).choices[0]
    if (choice === undefined) throw new Error('no choice')
    const calls = choice.toolCalls.map((call) => ({ name: call.name, arguments: call.arguments }))
    turns.push({ calls, text: choice.content?.join('') ?? null })
    if (choice.toolCalls.length === 0) break
    messages.push({
      role: 'assistant',
      content: null,
      tool_calls: choice.toolCalls.map((call) => ({
        id: call.id,
        type: 'function',
        function: { name: call.name, arguments: call.arguments },
      })),
    })
    for (const call of choice.toolCalls) {
      messages.push({ role: 'tool', tool_call_id: call.id, content: answer(call.name, call.arguments) })
    }
  }
  return turns
}

const sunny = (name: string, args: string) =>
  name === 'get_weather' ? `sunny in ${JSON.parse(args).city}` : `noon in ${JSON.parse(args).city}`

describe('the scripted tool loop', () => {
  it('calls one phase of tools per round ("then"), in parallel within a phase, then answers from every result', () => {
    expect(play('weather in Paris and Tokyo, then the time in Oslo', sunny)).toEqual([
      {
        calls: [
          { name: 'get_weather', arguments: '{"city":"Paris"}' },
          { name: 'get_weather', arguments: '{"city":"Tokyo"}' },
        ],
        text: null,
      },
      { calls: [{ name: 'get_time', arguments: '{"city":"Oslo"}' }], text: null },
      {
        calls: [],
        text: 'Here is what I found. get_weather (Paris): sunny in Paris; get_weather (Tokyo): sunny in Tokyo; get_time (Oslo): noon in Oslo.',
      },
    ])
  })

  it('[[model:invalid_arguments]]: arguments that fail the schema first, valid ones once told they are invalid', () => {
    const turns = play('weather in Paris [[model:invalid_arguments]]', (name, args) =>
      'city' in JSON.parse(args) ? 'sunny' : `Invalid arguments for ${name}: city is required`,
    )
    expect(turns.map((turn) => turn.calls)).toEqual([
      [{ name: 'get_weather', arguments: '{}' }],
      [{ name: 'get_weather', arguments: '{"city":"Paris"}' }],
      [],
    ])
    expect(turns.at(-1)?.text).toBe(
      'Here is what I found. get_weather: Invalid arguments for get_weather: city is required; get_weather (Paris): sunny.',
    )
  })

  it('[[model:invalid_arguments]] goes on to the next phase when the results do not say "invalid"', () => {
    const turns = play('weather in Paris [[model:invalid_arguments]]', () => 'ran anyway')
    expect(turns.map((turn) => turn.calls.length)).toEqual([1, 0])
  })

  it('[[model:keep_calling_tools]]: calls the tools again after every round, never answering', () => {
    const turns = play('weather in Paris [[model:keep_calling_tools]]', sunny, 5)
    expect(turns).toHaveLength(5)
    expect(turns.every((turn) => turn.calls.length === 1 && turn.text === null)).toBe(true)
  })
})

describe('[[model:…]] directives', () => {
  const ask = (content: string, extra: Partial<ChatRequestView> = {}) =>
    planReply({ model: 'gpt-4o-mini', messages: [{ role: 'user', content }], ...extra }).choices[0]
  const person = {
    type: 'json_schema' as const,
    json_schema: {
      name: 'person',
      schema: {
        type: 'object',
        properties: { name: { type: 'string' }, age: { type: 'integer' } },
        required: ['name', 'age'],
        additionalProperties: false,
      },
    },
  }

  it('refuse: a refusal and no content, finishing with stop', () => {
    const choice = ask('Tell me a secret [[model:refuse]]')
    expect(choice?.refusal?.join('')).toBe(REFUSAL_TEXT)
    expect(choice?.content).toBeNull()
    expect(choice?.finishReason).toBe('stop')
  })

  it('wrong_schema: valid JSON without the first required property', () => {
    expect(
      JSON.parse(ask('Ada [[model:wrong_schema]]', { response_format: person })?.content?.join('') ?? ''),
    ).toEqual({
      age: 42,
    })
  })

  it('invalid_json: the JSON cut in half, which does not parse', () => {
    const text = ask('Ada [[model:invalid_json]]', { response_format: person })?.content?.join('') ?? ''
    expect(text).toBe('{"name":"Ada A')
    expect(() => JSON.parse(text)).toThrow(SyntaxError)
  })

  it('combines names split by commas, ignores unknown ones and reads only the last user message', () => {
    expect(ask('x [[model:nonsense, refuse]]')?.refusal).not.toBeNull()
    const later = planReply({
      model: 'gpt-4o-mini',
      messages: [
        { role: 'user', content: 'x [[model:refuse]]' },
        { role: 'assistant', content: 'no' },
        { role: 'user', content: 'hello' },
      ],
    }).choices[0]
    expect(later?.refusal).toBeNull()
    expect(later?.content?.join('')).toBe('You said: hello')
  })
})
