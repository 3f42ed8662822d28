import { describe, expect, it } from 'vitest'
import { AZURE_KEY, get, INFERENCE_CHAT, post, useEmulator } from './testing/client.js'
import type { Json } from './testing/sse.js'
import { chunksOf, streamedText } from './testing/sse.js'

const emulator = useEmulator()
const hi = { messages: [{ role: 'user', content: 'Hello inference' }] }
const weatherTool = {
  type: 'function',
  function: { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } },
}

describe('Azure AI Model Inference dialect', () => {
  it('describes its model at /info, also under /models', async () => {
    const info = await get(emulator.current, '/info?api-version=2025-05-01', AZURE_KEY)
    expect(info.json()).toEqual({
      model_name: 'Mistral-Large-2411',
      model_type: 'chat-completion',
      model_provider_name: 'Mistral',
    })
    expect(
      (await get(emulator.current, '/models/info?api-version=2024-05-01-preview', AZURE_KEY)).status,
    ).toBe(200)
  })

  it('answers with the default model, and always ends a stream with usage', async () => {
    const whole = (await post(emulator.current, INFERENCE_CHAT, hi, AZURE_KEY)).json()
    expect(whole).toMatchObject({
      model: 'Mistral-Large-2411',
      choices: [{ message: { content: 'You said: Hello inference' } }],
    })
    expect(whole.choices[0]).not.toHaveProperty('content_filter_results')
    const chunks = chunksOf(
      (await post(emulator.current, INFERENCE_CHAT, { ...hi, stream: true }, AZURE_KEY)).text,
    )
    expect(chunks.at(-1)).toMatchObject({ choices: [], usage: whole.usage })
  })

  it('sends tool calls whole and without index', async () => {
    const request = {
      messages: [{ role: 'user', content: 'weather in Lisbon and Porto' }],
      tools: [weatherTool],
      stream: true,
    }
    const chunks = chunksOf(
      (await post(emulator.current, '/models/chat/completions?api-version=2025-05-01', request, AZURE_KEY))
        .text,
    )
    const calls = chunks.flatMap((chunk) => chunk.choices[0]?.delta?.tool_calls ?? [])
    expect(calls.map((call: Json) => ({ ...call, id: typeof call.id }))).toEqual([
      { id: 'string', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Lisbon"}' } },
      { id: 'string', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Porto"}' } },
    ])
  })

  it('streams reasoning_content first from a reasoning model', async () => {
    const request = { ...hi, model: 'DeepSeek-R1', stream: true }
    const chunks = chunksOf((await post(emulator.current, INFERENCE_CHAT, request, AZURE_KEY)).text)
    expect(chunks[0]?.model).toBe('DeepSeek-R1')
    expect(streamedText(chunks, 'reasoning_content')[0]).toMatch(/^The user wrote "Hello inference"\./)
    expect(streamedText(chunks)).toEqual(['You said: Hello inference'])
  })

  it('rejects extra parameters with a flat 422 that names them, by default', async () => {
    const reply = await post(emulator.current, INFERENCE_CHAT, { ...hi, n: 2, safe_prompt: true }, AZURE_KEY)
    expect(reply.status).toBe(422)
    const body = reply.json()
    expect(body).toMatchObject({ status: 422, code: 'extra_parameters_not_allowed' })
    expect(body.message).toContain("['n', 'safe_prompt']")
    expect(body.detail).toEqual([
      { loc: ['body', 'n'], msg: 'Extra parameter not allowed' },
      { loc: ['body', 'safe_prompt'], msg: 'Extra parameter not allowed' },
    ])
  })

  it('drops extra parameters on request, and reports them', async () => {
    const reply = await post(
      emulator.current,
      INFERENCE_CHAT,
      { ...hi, n: 2 },
      { ...AZURE_KEY, 'extra-parameters': 'drop' },
    )
    expect(reply.headers.get('x-emulator-dropped-parameters')).toBe('n')
    expect(reply.json().choices).toHaveLength(1)
  })

  it('passes extra parameters through to the model, and reports them', async () => {
    const reply = await post(
      emulator.current,
      INFERENCE_CHAT,
      { ...hi, n: 2 },
      { ...AZURE_KEY, 'extra-parameters': 'pass-through' },
    )
    expect(reply.headers.get('x-emulator-passed-parameters')).toBe('n')
    expect(reply.json().choices).toHaveLength(2)
  })

  it('rejects an unknown extra-parameters value', async () => {
    const reply = await post(emulator.current, INFERENCE_CHAT, hi, {
      ...AZURE_KEY,
      'extra-parameters': 'ignore',
    })
    expect(reply.status).toBe(400)
    expect(reply.json()).toMatchObject({ status: 400, code: 'invalid_header' })
  })

  it('answers validation errors with a flat 422 and the field in detail', async () => {
    const reply = await post(
      emulator.current,
      INFERENCE_CHAT,
      { messages: [{ role: 'wizard', content: 'x' }] },
      AZURE_KEY,
    )
    expect(reply.status).toBe(422)
    expect(reply.json()).toMatchObject({
      status: 422,
      code: 'invalid_value',
      detail: { loc: ['body', 'messages', 0, 'role'] },
    })
  })

  it('answers an unknown model and a missing api-version', async () => {
    const unknown = await post(emulator.current, INFERENCE_CHAT, { ...hi, model: 'nope' }, AZURE_KEY)
    expect(unknown.status).toBe(404)
    expect(unknown.json().error).toMatchObject({ code: 'unknown_model', message: 'Unknown model: nope' })
    const missing = await post(emulator.current, '/chat/completions', hi, AZURE_KEY)
    expect(missing.status).toBe(400)
    expect(missing.json().error.code).toBe('MissingApiVersionParameter')
  })
})
