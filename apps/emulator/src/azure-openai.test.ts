import { describe, expect, it } from 'vitest'
import { AZURE_CHAT, AZURE_KEY, ask, get, post, useEmulator } from './testing/client.js'
import type { Json } from './testing/sse.js'
import { chunksOf, streamedText } from './testing/sse.js'

const emulator = useEmulator()
const hi = { messages: [{ role: 'user', content: 'Hello Azure' }] }
const SAFE = {
  hate: { filtered: false, severity: 'safe' },
  self_harm: { filtered: false, severity: 'safe' },
  sexual: { filtered: false, severity: 'safe' },
  violence: { filtered: false, severity: 'safe' },
}

describe('Azure OpenAI dialect', () => {
  it('answers a deployment with filter results and both request ids', async () => {
    const reply = await post(emulator.current, AZURE_CHAT, hi, AZURE_KEY)
    expect(reply.status).toBe(200)
    expect(reply.headers.get('apim-request-id')).toBe(reply.headers.get('x-request-id'))
    const body = reply.json()
    expect(body.model).toBe('gpt-4o-mini-2024-07-18')
    expect(body.prompt_filter_results).toEqual([
      {
        prompt_index: 0,
        content_filter_results: { ...SAFE, jailbreak: { filtered: false, detected: false } },
      },
    ])
    expect(body.choices[0]).toMatchObject({
      message: { content: 'You said: Hello Azure' },
      content_filter_results: SAFE,
    })
  })

  it('opens a stream with the empty prompt-filter chunk and filters every content chunk', async () => {
    const reply = await post(
      emulator.current,
      AZURE_CHAT,
      { ...hi, stream: true },
      { authorization: 'Bearer entra-token' },
    )
    const chunks = chunksOf(reply.text)
    expect(chunks[0]).toMatchObject({ choices: [], id: '', model: '', object: '', created: 0 })
    expect(chunks[0]?.prompt_filter_results).toHaveLength(1)
    expect(chunks[1]?.choices[0]).toMatchObject({ delta: { role: 'assistant' }, content_filter_results: {} })
    const content = chunks.filter(
      (chunk) =>
        typeof chunk.choices[0]?.delta?.content === 'string' && chunk.choices[0].delta.content !== '',
    )
    expect(
      content.every(
        (chunk) => JSON.stringify(chunk.choices[0].content_filter_results) === JSON.stringify(SAFE),
      ),
    ).toBe(true)
    expect(chunks.at(-1)?.choices[0]).toMatchObject({ finish_reason: 'stop', content_filter_results: {} })
    expect(streamedText(chunks)).toEqual(['You said: Hello Azure'])
  })

  it('answers an unknown deployment with DeploymentNotFound', async () => {
    const reply = await post(
      emulator.current,
      '/openai/deployments/nope/chat/completions?api-version=2024-10-21',
      hi,
      AZURE_KEY,
    )
    expect(reply.status).toBe(404)
    expect(reply.json().error.code).toBe('DeploymentNotFound')
    expect(reply.headers.get('apim-request-id')).not.toBeNull()
  })

  it('wants a known api-version: 404 without one, 400 for an unknown one', async () => {
    const missing = await post(
      emulator.current,
      '/openai/deployments/gpt-4o-mini/chat/completions',
      hi,
      AZURE_KEY,
    )
    expect(missing.status).toBe(404)
    expect(missing.json()).toEqual({ error: { code: '404', message: 'Resource not found' } })
    const unknown = await post(
      emulator.current,
      '/openai/deployments/gpt-4o-mini/chat/completions?api-version=2019-01-01',
      hi,
      AZURE_KEY,
    )
    expect(unknown.status).toBe(400)
    expect(unknown.json()).toEqual({ error: { code: 'BadRequest', message: 'API version not supported' } })
    const preview = await post(
      emulator.current,
      '/openai/deployments/gpt-4o-mini/chat/completions?api-version=2025-04-01-preview',
      hi,
      AZURE_KEY,
    )
    expect(preview.status).toBe(200)
  })

  it('serves the v1 surface with the deployment as the model', async () => {
    const reply = await post(
      emulator.current,
      '/openai/v1/chat/completions',
      ask('v1 please', { model: 'gpt-4o' }),
      AZURE_KEY,
    )
    expect(reply.json()).toMatchObject({
      model: 'gpt-4o-2024-11-20',
      choices: [{ message: { content: 'You said: v1 please' } }],
    })
    const unknown = await post(
      emulator.current,
      '/openai/v1/chat/completions',
      ask('Hi', { model: 'nope' }),
      AZURE_KEY,
    )
    expect(unknown.json().error.code).toBe('DeploymentNotFound')
    const models = await get(emulator.current, '/openai/v1/models', AZURE_KEY)
    expect(models.json().data.map((model: Json) => model.id)).toEqual(['gpt-4o-mini', 'gpt-4o', 'o3-mini'])
  })

  it("answers a missing key with Azure's 401", async () => {
    const reply = await post(emulator.current, AZURE_CHAT, hi, {})
    expect(reply.status).toBe(401)
    expect(reply.json().error.code).toBe('401')
  })

  it('answers validation errors in the OpenAI shape, with the path', async () => {
    const reply = await post(
      emulator.current,
      AZURE_CHAT,
      { messages: [{ role: 'user', content: 'x' }], temperature: 9 },
      AZURE_KEY,
    )
    expect(reply.status).toBe(400)
    expect(reply.json().error).toMatchObject({ type: 'invalid_request_error', param: 'temperature' })
  })
})
