import type { ChatCallOptions, ChatClient, ChatRequest } from '@chatwire/core'
import { type Emulator, startEmulator } from '@chatwire/emulator'
import { deltaText, readStream } from '@chatwire/testkit'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createFetchClient } from './create-fetch-client.js'

const TOKEN = 'Bearer sess_7f3a9c2e5b1d4f6a'
let emulator: Emulator
let chat: ChatClient

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, tokenDelayMs: 0 })
  chat = createFetchClient({
    url: `${emulator.url}/v1/chat/completions`,
    headers: { authorization: TOKEN },
    maxRetryDelay: 50,
  })
})
afterAll(() => emulator.close())
beforeEach(() => emulator.reset())

const ask = (content: string, extra: Partial<ChatRequest> = {}): ChatRequest => ({
  model: 'gpt-4o-mini',
  messages: [{ role: 'user', content }],
  ...extra,
})

const weatherTool = {
  type: 'function' as const,
  function: {
    name: 'get_weather',
    parameters: { type: 'object', properties: { location: { type: 'string' } }, required: ['location'] },
  },
}

const drain = (client: ChatClient, request: ChatRequest, options?: ChatCallOptions) =>
  readStream(client.stream(request, options))
const text = deltaText

describe('createFetchClient against the emulator', () => {
  it('completes a plain request, posting it as it is with the given headers', async () => {
    const { completion } = await chat.complete(ask('Hello there'))
    expect(completion).toMatchObject({
      object: 'chat.completion',
      model: 'gpt-4o-mini',
      choices: [
        { index: 0, message: { role: 'assistant', content: 'You said: Hello there' }, finish_reason: 'stop' },
      ],
    })
    expect(emulator.requests).toMatchObject([
      { method: 'POST', path: '/v1/chat/completions', streamed: false },
    ])
  })

  it('streams the same text and usage, and finishes with stop', async () => {
    const { completion: whole } = await chat.complete(ask('Stream me'))
    const { events, completion, outcome } = await drain(
      chat,
      ask('Stream me', { stream_options: { include_usage: true } }),
    )
    expect(text(events)).toBe('You said: Stream me')
    expect(events.at(-1)).toEqual({ type: 'finish', choiceIndex: 0, finishReason: 'stop' })
    expect(completion.choices[0]?.message.content).toBe(whole.choices[0]?.message.content)
    expect(completion.usage).toEqual(whole.usage)
    expect(outcome.type).toBe('stop')
    expect(emulator.requests.map((request) => request.streamed)).toEqual([false, true])
  })

  it('calls tools and parses their arguments, streamed or not', async () => {
    const request = ask('What is the weather in Paris and Tokyo?', { tools: [weatherTool] })
    const { completion: whole } = await chat.complete(request)
    const { events, outcome } = await drain(chat, request)
    const done = events.flatMap((event) => (event.type === 'tool_call.done' ? [event.arguments] : []))
    expect(done).toEqual(['{"location":"Paris"}', '{"location":"Tokyo"}'])
    expect(
      outcome.type === 'tool_calls' && outcome.calls.map((call) => [call.id, call.name, call.input]),
    ).toEqual(
      whole.choices[0]?.message.tool_calls?.map((call) => [
        call.id,
        'get_weather',
        JSON.parse(call.function.arguments),
      ]),
    )
  })

  it('answers json_schema with JSON that follows the schema', async () => {
    const schema = {
      type: 'object',
      properties: { city: { type: 'string' }, days: { type: 'integer', minimum: 1, maximum: 7 } },
      required: ['city', 'days'],
      additionalProperties: false,
    }
    const request = ask('Plan Rome', {
      response_format: { type: 'json_schema', json_schema: { name: 'plan', strict: true, schema } },
    })
    const { completion: whole } = await chat.complete(request)
    const { completion, outcome } = await drain(chat, request)
    expect(JSON.parse(whole.choices[0]?.message.content as string)).toEqual({ city: 'Plan Rome', days: 7 })
    expect(completion.choices[0]?.message.content).toBe(whole.choices[0]?.message.content)
    expect(outcome.type).toBe('stop')
  })

  it('keeps n > 1 choices apart, streamed or not, with one outcome each', async () => {
    const request = ask('Two ways', { n: 2 })
    const { completion: whole } = await chat.complete(request)
    const { events, outcomes } = await drain(chat, request)
    expect(whole.choices.map((choice) => choice.message.content)).toEqual([
      'You said: Two ways',
      'I heard: Two ways',
    ])
    expect([text(events, 0), text(events, 1)]).toEqual(whole.choices.map((choice) => choice.message.content))
    expect(outcomes.map((outcome) => [outcome.choice, outcome.type])).toEqual([
      [0, 'stop'],
      [1, 'stop'],
    ])
  })
})

describe('createFetchClient with options computed per request', () => {
  it('calls headers per attempt, so that a retry sends the refreshed token', async () => {
    const seen: { authorization: string | undefined; stream: boolean }[] = []
    const client = createFetchClient({
      url: `${emulator.url}/v1/chat/completions`,
      // The first two attempts ask the emulator for a 500; only the third one's own headers let it succeed,
      // so success proves that each attempt sent what the function returned for it.
      headers: (_request, { stream }) => {
        const attempt = seen.length + 1
        const headers: Record<string, string> = { authorization: `Bearer session-${attempt}` }
        if (attempt < 3) headers['x-emulator-fault'] = 'server_error'
        seen.push({ authorization: headers.authorization, stream })
        return headers
      },
      maxRetries: 2,
      maxRetryDelay: 20,
    })
    const { outcome, completion } = await drain(client, ask('Retry me'))
    expect(outcome.type).toBe('stop')
    expect(completion.choices[0]?.message.content).toBe('You said: Retry me')
    expect(seen).toEqual([1, 2, 3].map((n) => ({ authorization: `Bearer session-${n}`, stream: true })))
    expect(emulator.requests.map((request) => request.status)).toEqual([500, 500, 200])
  })

  it('posts the body a function builds, for a route with its own shape', async () => {
    const client = createFetchClient({
      url: `${emulator.url}/v1/chat/completions`,
      headers: { authorization: TOKEN },
      // A route that picks the model itself and wraps the question: the function sees `stream` to pass on.
      body: (request, { stream }) => ({
        model: 'gpt-4o',
        stream,
        messages: [{ role: 'user', content: `${request.messages.at(-1)?.content} (via the route)` }],
      }),
    })
    const { completion } = await client.complete(ask('Hi'))
    expect(completion).toMatchObject({
      model: 'gpt-4o',
      choices: [{ message: { content: 'You said: Hi (via the route)' } }],
    })
    const { events, outcome } = await drain(client, ask('Hi'))
    expect(text(events)).toBe('You said: Hi (via the route)')
    expect(outcome.type).toBe('stop')
    expect(emulator.requests.map((request) => request.streamed)).toEqual([false, true])
  })

  it('sends each request to the URL a function picks from it', async () => {
    const client = createFetchClient({
      // Routes by model: gpt-4o to the Azure OpenAI v1 route (model = deployment), the rest to OpenAI's.
      url: (request) =>
        request.model === 'gpt-4o'
          ? new URL('/openai/v1/chat/completions', emulator.url)
          : `${emulator.url}/v1/chat/completions`,
      headers: { authorization: TOKEN },
    })
    const { completion: azure } = await client.complete(ask('Hi', { model: 'gpt-4o' }))
    const { completion } = await drain(client, ask('Hi'))
    expect(azure.choices[0]?.message.content).toBe('You said: Hi')
    expect(completion.choices[0]?.message.content).toBe('You said: Hi')
    expect(emulator.requests.map(({ path, dialect }) => [path, dialect])).toEqual([
      ['/openai/v1/chat/completions', 'azure-openai'],
      ['/v1/chat/completions', 'openai'],
    ])
  })
})
