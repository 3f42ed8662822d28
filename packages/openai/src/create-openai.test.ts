import { type ChatClient, InvalidRequestError, NotFoundError } from '@chatwire/core'
import { type Emulator, startEmulator } from '@chatwire/emulator'
import { DIALECT_SCENARIOS, readStream, runScenario } from '@chatwire/testkit'
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

describe('createOpenAI against the emulator', () => {
  it('answers with the model it was asked for', async () => {
    const { completion } = await openai.complete(ask('Hello there'))
    expect(completion.model).toBe('gpt-4o-mini')
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
    const { events } = await readStream(openai.stream(ask('Hi', { reasoning_effort: 'medium' })))
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

  for (const scenario of DIALECT_SCENARIOS)
    it(`dialect scenario: ${scenario.name}`, async () => {
      for (const check of await runScenario(scenario, { client: () => openai, request: ask }))
        expect(check.actual, check.what).toEqual(check.expected)
    })
})
