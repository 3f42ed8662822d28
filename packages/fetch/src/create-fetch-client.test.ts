import type { ChatCallOptions, ChatClient, ChatRequest } from '@chatwire/core'
import { type Emulator, startEmulator } from '@chatwire/emulator'
import { DIALECT_SCENARIOS, deltaText, readStream, runScenario } from '@chatwire/testkit'
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

const drain = (client: ChatClient, request: ChatRequest, options?: ChatCallOptions) =>
  readStream(client.stream(request, options))
const text = deltaText

describe('createFetchClient against the emulator', () => {
  for (const scenario of DIALECT_SCENARIOS)
    it(`dialect scenario: ${scenario.name}`, async () => {
      for (const check of await runScenario(scenario, { client: () => chat, request: ask }))
        expect(check.actual, check.what).toEqual(check.expected)
    })

  it('posts a plain request as it is, to the one URL, streamed or not', async () => {
    const { completion } = await chat.complete(ask('Hello there'))
    await drain(chat, ask('Hello there'))
    expect(completion.model).toBe('gpt-4o-mini')
    expect(emulator.requests).toMatchObject([
      { method: 'POST', path: '/v1/chat/completions', streamed: false },
      { method: 'POST', path: '/v1/chat/completions', streamed: true },
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

describe('validation', () => {
  it('is the route’s by default: a bad field goes out, and the error that comes back names it', async () => {
    const error = await chat.complete(ask('Hi', { temperature: 5 })).catch((thrown: unknown) => thrown)
    expect(emulator.requests).toHaveLength(1)
    expect(error).toMatchObject({ name: 'InvalidRequestError', status: 400, path: 'temperature' })
  })

  it('is the browser’s too with validate: true: refused before anything is sent, with the path', async () => {
    const error = await chat
      .complete(ask('Hi', { temperature: 5 }), { validate: true })
      .catch((thrown: unknown) => thrown)
    expect(error).toMatchObject({ name: 'InvalidRequestError', path: 'temperature', status: undefined })
    expect(emulator.requests).toHaveLength(0)
  })
})
