import {
  type ChatRequest,
  createChatClient,
  type DeltaEvent,
  decodeSSE,
  InvalidRequestError,
  toReadableStream,
  toSSE,
} from '@chatwire/core'
import { useEmulator } from '@chatwire/emulator/testing'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { ask, emulatorEndpoint, weatherTool } from '../emulator-endpoint.js'

const emulator = useEmulator({ hooks: { beforeAll, afterAll, beforeEach } })

/** The smallest endpoint: the emulator's OpenAI route with a bearer key. */
const endpoint = () => emulatorEndpoint(() => emulator.current.url, 'sk-test-0123456789abcdef')

async function collect<T>(source: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = []
  for await (const item of source) items.push(item)
  return items
}

const text = (events: DeltaEvent[], choice = 0) =>
  events
    .map((event) => (event.type === 'content.delta' && event.choiceIndex === choice ? event.delta : ''))
    .join('')

describe('complete', () => {
  it('answers a plain request with the completion', async () => {
    const { completion } = await createChatClient(endpoint()).complete(ask('Hello there'))
    expect(completion).toMatchObject({
      object: 'chat.completion',
      model: 'gpt-4o-mini',
      choices: [
        { index: 0, message: { role: 'assistant', content: 'You said: Hello there' }, finish_reason: 'stop' },
      ],
    })
    expect(emulator.current.requests).toMatchObject([{ status: 200, streamed: false }])
  })

  it('gives the text, the outcome, the request id and the headers beside the completion', async () => {
    const result = await createChatClient(endpoint()).complete(ask('Hello there'))
    expect(result).toMatchObject({ text: 'You said: Hello there', outcome: { type: 'stop' } })
    expect(result.requestId).toMatch(/^[0-9a-f-]{36}$/)
    // Typed `Headers`, not `Headers | undefined`: a complete() always had a reply.
    expect(result.headers.get('x-request-id')).toBe(result.requestId)
  })

  it('gives the same text, outcome and request id from a stream', async () => {
    const result = await createChatClient(endpoint()).stream(ask('Hello there')).final()
    expect(result).toMatchObject({ text: 'You said: Hello there', outcome: { type: 'stop' } })
    expect(result.requestId).toMatch(/^[0-9a-f-]{36}$/)
    expect(result.headers?.get('content-type')).toMatch(/^text\/event-stream/)
  })

  it('sends stream: false and drops stream_options, whatever the request says', async () => {
    const client = createChatClient(endpoint())
    const { completion } = await client.complete(
      ask('Hi', { stream: true, stream_options: { include_usage: true } }),
    )
    expect(completion.choices[0]?.message.content).toBe('You said: Hi')
    expect(emulator.current.requests[0]?.streamed).toBe(false)
  })

  it('returns tool calls, JSON for json_schema, and n choices', async () => {
    const client = createChatClient(endpoint())
    const { completion: tools } = await client.complete(
      ask('What is the weather in Paris?', { tools: [weatherTool] }),
    )
    expect(tools.choices[0]).toMatchObject({
      finish_reason: 'tool_calls',
      message: {
        tool_calls: [
          { type: 'function', function: { name: 'get_weather', arguments: '{"location":"Paris"}' } },
        ],
      },
    })
    const schema = { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] }
    const { completion: structured } = await client.complete(
      ask('Rome', { response_format: { type: 'json_schema', json_schema: { name: 'plan', schema } } }),
    )
    expect(JSON.parse(structured.choices[0]?.message.content as string)).toEqual({ city: expect.any(String) })
    const { completion: many } = await client.complete(ask('Hi', { n: 3 }))
    expect(many.choices.map((choice) => choice.index)).toEqual([0, 1, 2])
  })

  it('validates the request before sending anything, unless told not to', async () => {
    const client = createChatClient(endpoint())
    const bad = {
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'Hi' }],
      temperature: 7,
    } as ChatRequest
    const error = await client.complete(bad).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(InvalidRequestError)
    expect(error).toMatchObject({ path: 'temperature', status: undefined })
    expect(emulator.current.requests).toHaveLength(0)
    // Without validation the service judges it: the emulator refuses it with its own 400.
    const served = await client.complete(bad, { validate: false }).catch((caught: unknown) => caught)
    expect(served).toMatchObject({ name: 'InvalidRequestError', status: 400 })
    expect(emulator.current.requests).toHaveLength(1)
  })
})

it('validates every call, not only the one that loads the validator', async () => {
  const client = createChatClient(endpoint())
  const bad = (field: string) =>
    ({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }], [field]: 7 }) as ChatRequest
  for (const field of ['temperature', 'top_p', 'presence_penalty']) {
    expect(await client.complete(bad(field)).catch((caught: unknown) => caught)).toMatchObject({
      name: 'InvalidRequestError',
      path: field,
    })
    const { outcome } = await client.stream(bad(field)).final()
    expect(outcome).toMatchObject({ type: 'error', error: { name: 'InvalidRequestError', path: field } })
    expect((await client.complete(ask('Still fine'))).outcome.type).toBe('stop')
  }
  expect(emulator.current.requests).toHaveLength(3)
})

describe('stream', () => {
  it('yields delta events and resolves final() with the completion and outcome', async () => {
    const stream = createChatClient(endpoint()).stream(ask('Stream me, please'))
    const events = await collect(stream)
    expect(text(events)).toBe('You said: Stream me, please')
    expect(events.at(-1)).toEqual({ type: 'finish', choiceIndex: 0, finishReason: 'stop' })
    const { completion, outcome, outcomes } = await stream.final()
    expect(completion.choices[0]?.message.content).toBe('You said: Stream me, please')
    expect(outcome).toMatchObject({ type: 'stop', choice: 0, completion })
    expect(outcomes).toEqual([outcome])
    expect(emulator.current.requests).toMatchObject([{ status: 200, streamed: true }])
  })

  it('streams the same completion as complete() gives', async () => {
    const client = createChatClient(endpoint())
    const request = ask('Same words', { stream_options: { include_usage: true } })
    const { completion: whole } = await client.complete(request)
    const { completion } = await client.stream(request).final()
    expect(completion.choices).toEqual(whole.choices)
    expect(completion.usage).toEqual(whole.usage)
  })

  it('streams parallel tool calls with their events and a tool_calls outcome', async () => {
    const stream = createChatClient(endpoint()).stream(
      ask('Weather in Paris and Tokyo?', { tools: [weatherTool] }),
    )
    const done = (await collect(stream)).filter((event) => event.type === 'tool_call.done')
    expect(done.map((event) => [event.toolIndex, event.name, event.arguments])).toEqual([
      [0, 'get_weather', '{"location":"Paris"}'],
      [1, 'get_weather', '{"location":"Tokyo"}'],
    ])
    const { outcome } = await stream.final()
    expect(outcome.type === 'tool_calls' && outcome.calls.map((call) => call.input)).toEqual([
      { location: 'Paris' },
      { location: 'Tokyo' },
    ])
  })

  it('streams JSON for json_schema, the same as complete() gives', async () => {
    const client = createChatClient(endpoint())
    const schema = { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] }
    const request = ask('Oslo', {
      response_format: { type: 'json_schema', json_schema: { name: 'plan', schema } },
    })
    const streamed = JSON.parse(text(await collect(client.stream(request))))
    expect(streamed).toEqual({ city: expect.stringContaining('Oslo') })
    expect(streamed).toEqual(
      JSON.parse((await client.complete(request)).completion.choices[0]?.message.content as string),
    )
  })

  it('routes n > 1 choices by index and gives one outcome per choice', async () => {
    const stream = createChatClient(endpoint()).stream(ask('Twice', { n: 2 }))
    const events = await collect(stream)
    expect([text(events, 0), text(events, 1)]).toEqual(['You said: Twice', expect.stringContaining('Twice')])
    const { completion, outcomes } = await stream.final()
    expect(completion.choices.map((choice) => choice.message.content)).toEqual([
      text(events, 0),
      text(events, 1),
    ])
    expect(outcomes.map((outcome) => [outcome.choice, outcome.type])).toEqual([
      [0, 'stop'],
      [1, 'stop'],
    ])
  })

  it('sends nothing until it is read', async () => {
    const stream = createChatClient(endpoint()).stream(ask('Later'))
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(emulator.current.requests).toHaveLength(0)
    await stream.final()
    expect(emulator.current.requests).toHaveLength(1)
  })

  it('is read once: a second iteration or view throws and nothing is sent again', async () => {
    const stream = createChatClient(endpoint()).stream(ask('Once'))
    await collect(stream)
    expect(() => stream[Symbol.asyncIterator]()).toThrow(TypeError)
    expect(() => toReadableStream(stream)).toThrow(/already read by an iteration/)
    expect(() => toSSE(stream)).toThrow(TypeError)
    expect((await stream.final()).outcome.type).toBe('stop')
    expect(emulator.current.requests).toHaveLength(1)
  })

  it('final() alone reads the stream; iterating after it throws', async () => {
    const stream = createChatClient(endpoint()).stream(ask('Result only'))
    const { completion } = await stream.final()
    expect(completion.choices[0]?.message.content).toBe('You said: Result only')
    expect(() => stream[Symbol.asyncIterator]()).toThrow(/already read by final\(\)/)
  })

  it('final() first, then a view in the same synchronous code: the view reads the stream, final() gives its end', async () => {
    const stream = createChatClient(endpoint()).stream(ask('Saved and relayed'))
    const saved = stream.final()
    const relayed = collect(decodeSSE(toSSE(stream)))
    expect((await relayed).at(-1)?.data).toBe('[DONE]')
    const { completion, outcome } = await saved
    expect([outcome.type, completion.choices[0]?.message.content]).toEqual([
      'stop',
      'You said: Saved and relayed',
    ])
    expect(emulator.current.requests).toHaveLength(1)
  })

  it('final() first, then an iteration begun in the same synchronous code: the iteration gets every event', async () => {
    const stream = createChatClient(endpoint()).stream(ask('Every event'))
    const result = stream.final()
    const events = await collect(stream)
    expect(text(events)).toBe('You said: Every event')
    expect((await result).text).toBe('You said: Every event')
  })

  it('final() first, then a reader after an await: final() read it, the reader throws', async () => {
    const stream = createChatClient(endpoint()).stream(ask('Too late'))
    const result = stream.final()
    await Promise.resolve()
    expect(() => toSSE(stream)).toThrow(/already read by final\(\)/)
    expect((await result).outcome.type).toBe('stop')
  })

  it('gives the events as a ReadableStream', async () => {
    const stream = createChatClient(endpoint()).stream(ask('As a web stream'))
    const events = await collect(toReadableStream(stream) as unknown as AsyncIterable<DeltaEvent>)
    expect(text(events)).toBe('You said: As a web stream')
    expect((await stream.final()).outcome.type).toBe('stop')
  })

  it('relays the chunks as SSE that decodes to the same completion, [DONE] included', async () => {
    const client = createChatClient(endpoint())
    const stream = client.stream(ask('Relay me'))
    const events = await collect(decodeSSE(toSSE(stream)))
    expect(events.at(-1)?.data).toBe('[DONE]')
    const chunks = events.slice(0, -1).map((event) => JSON.parse(event.data))
    expect(chunks.every((chunk) => chunk.object === 'chat.completion.chunk')).toBe(true)
    const { completion } = await stream.final()
    expect(completion.choices[0]?.message.content).toBe('You said: Relay me')
  })

  it('stopping early aborts the request and reports an AbortError outcome', async () => {
    const stream = createChatClient(endpoint()).stream(ask('one two three four five six seven'))
    for await (const event of stream) if (event.type === 'content.delta') break
    const { outcome } = await stream.final()
    expect(outcome).toMatchObject({ type: 'error', error: { name: 'AbortError' } })
    expect(outcome.type === 'error' && outcome.error.partial?.choices[0]?.message.content).toBeTypeOf(
      'string',
    )
  })

  it('returning before the first read sends nothing and settles', async () => {
    const stream = createChatClient(endpoint()).stream(ask('Never'))
    await stream[Symbol.asyncIterator]().return?.()
    expect((await stream.final()).outcome).toMatchObject({ type: 'error', error: { name: 'AbortError' } })
    expect(emulator.current.requests).toHaveLength(0)
  })
})

describe('options', () => {
  it('merges headers: endpoint, then client, then call; the call overrides the client', async () => {
    const seen: Headers[] = []
    const fetch = (url: string, init: RequestInit) => {
      seen.push(new Headers(init.headers))
      return globalThis.fetch(url, init)
    }
    const client = createChatClient(endpoint(), { fetch, headers: { 'x-app': 'client', 'x-both': 'client' } })
    await client.complete(ask('Hi'), { headers: { 'x-both': 'call' } })
    expect(Object.fromEntries(seen[0] ?? [])).toMatchObject({
      authorization: 'Bearer sk-test-0123456789abcdef',
      'content-type': 'application/json',
      accept: 'application/json',
      'x-app': 'client',
      'x-both': 'call',
    })
  })

  it('looks globalThis.fetch up at call time', async () => {
    const client = createChatClient(endpoint())
    const original = globalThis.fetch
    let calls = 0
    globalThis.fetch = (input, init) => {
      calls++
      return original(input, init)
    }
    try {
      await client.complete(ask('Hi'))
    } finally {
      globalThis.fetch = original
    }
    expect(calls).toBe(1)
  })

  it('refuses bad option values when the client is made', () => {
    expect(() => createChatClient(endpoint(), { timeout: -1 })).toThrow(RangeError)
    expect(() => createChatClient(endpoint(), { maxRetries: Number.NaN })).toThrow(RangeError)
  })
})
