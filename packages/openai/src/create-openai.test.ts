import { type ChatCallOptions, type ChatClient, InvalidRequestError, NotFoundError } from '@chatwire/core'
import { type Emulator, startEmulator } from '@chatwire/emulator'
import { deltaText, readStream } from '@chatwire/testkit'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createOpenAI } from './create-openai.js'

const KEY = 'sk-test-0123456789abcdefghij'
let emulator: Emulator
let openai: ChatClient

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, tokenDelayMs: 0, keys: [KEY] })
  openai = createOpenAI({ apiKey: KEY, baseURL: `${emulator.url}/v1`, maxRetryDelay: 50 })
})
afterAll(() => emulator.close())
beforeEach(() => emulator.reset())

const ask = (content: string, extra: Record<string, unknown> = {}) => ({
  model: 'gpt-4o-mini',
  messages: [{ role: 'user' as const, content }],
  ...extra,
})

const weatherTool = {
  type: 'function' as const,
  function: {
    name: 'get_weather',
    parameters: { type: 'object', properties: { location: { type: 'string' } }, required: ['location'] },
  },
}

const drain = (request: Parameters<ChatClient['stream']>[0], options?: ChatCallOptions) =>
  readStream(openai.stream(request, options))
const text = deltaText

describe('createOpenAI against the emulator', () => {
  it('completes a plain request', async () => {
    const { completion } = await openai.complete(ask('Hello there'))
    expect(completion).toMatchObject({
      object: 'chat.completion',
      model: 'gpt-4o-mini',
      choices: [
        { index: 0, message: { role: 'assistant', content: 'You said: Hello there' }, finish_reason: 'stop' },
      ],
      usage: { prompt_tokens: 8, completion_tokens: 5, total_tokens: 13 },
    })
  })

  it('streams the same text and usage, and finishes with stop', async () => {
    const { completion: whole } = await openai.complete(ask('Stream me'))
    const { events, completion, outcome } = await drain(
      ask('Stream me', { stream_options: { include_usage: true } }),
    )
    expect(text(events)).toBe('You said: Stream me')
    expect(completion.choices[0]?.message.content).toBe(whole.choices[0]?.message.content)
    expect(completion.usage).toEqual(whole.usage)
    expect(outcome.type).toBe('stop')
  })

  it('calls tools, streamed in fragments, and parses their arguments', async () => {
    const request = ask('What is the weather in Paris and Tokyo?', { tools: [weatherTool] })
    const { completion: whole } = await openai.complete(request)
    expect(whole.choices[0]?.finish_reason).toBe('tool_calls')
    const { events, outcome } = await drain(request)
    const done = events.filter((event) => event.type === 'tool_call.done')
    expect(done.map((event) => event.type === 'tool_call.done' && event.arguments)).toEqual([
      '{"location":"Paris"}',
      '{"location":"Tokyo"}',
    ])
    expect(outcome.type === 'tool_calls' && outcome.calls.map((call) => [call.name, call.input])).toEqual([
      ['get_weather', { location: 'Paris' }],
      ['get_weather', { location: 'Tokyo' }],
    ])
    expect(outcome.type === 'tool_calls' && outcome.calls.map((call) => call.id)).toEqual(
      whole.choices[0]?.message.tool_calls?.map((call) => call.id),
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
    const { completion: whole } = await openai.complete(request)
    const { completion } = await drain(request)
    expect(JSON.parse(whole.choices[0]?.message.content as string)).toEqual({ city: 'Plan Rome', days: 7 })
    expect(completion.choices[0]?.message.content).toBe(whole.choices[0]?.message.content)
  })

  it('keeps n > 1 choices apart, streamed or not, with one outcome each', async () => {
    const request = ask('Three ways', { n: 3 })
    const { completion: whole } = await openai.complete(request)
    const { events, completion, outcomes } = await drain(request)
    expect(whole.choices).toHaveLength(3)
    expect([0, 1, 2].map((choice) => text(events, choice))).toEqual(
      whole.choices.map((choice) => choice.message.content),
    )
    expect(completion.choices.map((choice) => choice.index)).toEqual([0, 1, 2])
    expect(outcomes.map((outcome) => outcome.type)).toEqual(['stop', 'stop', 'stop'])
  })

  it('sends provider extras: developer role, reasoning_effort minimal, repetition_penalty', async () => {
    const { completion } = await openai.complete({
      ...ask('Hi'),
      messages: [
        { role: 'developer', content: 'Answer briefly.' },
        { role: 'user', content: 'Hi' },
      ],
      reasoning_effort: 'minimal',
      repetition_penalty: 1.05,
    })
    expect(completion.choices[0]?.message.content).toBe('You said: Hi')
    const { events } = await drain(ask('Hi', { reasoning_effort: 'medium' }))
    expect(events[0]?.type).toBe('reasoning.delta')
  })

  it('refuses a request without a model before sending anything', async () => {
    const error = await openai
      .complete({ messages: [{ role: 'user', content: 'Hi' }] })
      .catch((caught) => caught)
    expect(error).toBeInstanceOf(InvalidRequestError)
    expect(error).toMatchObject({ path: 'model' })
    const stream = openai.stream({ messages: [{ role: 'user', content: 'Hi' }] })
    await expect(async () => {
      for await (const _event of stream) expect.unreachable('no event before the request is sent')
    }).rejects.toMatchObject({ name: 'InvalidRequestError', path: 'model' })
    expect((await stream.final()).outcome).toMatchObject({ type: 'error', error: { path: 'model' } })
    expect(emulator.requests).toHaveLength(0)
  })

  it("maps OpenAI's error body to typed errors, param as the path", async () => {
    const invalid = await openai
      .complete(ask('Hi', { temperature: 9 }), { validate: false })
      .catch((caught) => caught)
    expect(invalid).toBeInstanceOf(InvalidRequestError)
    expect(invalid).toMatchObject({
      status: 400,
      path: 'temperature',
      type: 'invalid_request_error',
      code: 'invalid_value',
    })
    const missing = await openai.complete(ask('Hi', { model: 'gpt-99' })).catch((caught) => caught)
    expect(missing).toBeInstanceOf(NotFoundError)
    expect(missing).toMatchObject({ status: 404, code: 'model_not_found' })
    expect(missing.requestId).toMatch(/^[0-9a-f-]{36}$/)
    expect(missing.message).toBe(
      '404 Not Found: The model `gpt-99` does not exist or you do not have access to it.',
    )
  })
})
