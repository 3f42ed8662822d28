import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { AuthenticationError, ConnectionError, NotFoundError } from '@chatwire/core'
import { startEmulator } from '@chatwire/emulator'
import { describe, expect, it } from 'vitest'
import { azureInferenceEndpoint } from './azure-inference-endpoint.js'
import type { AzureInferenceChatRequest } from './azure-request.js'

const KEY = '0123456789abcdef0123456789abcdef'
const request = { messages: [{ role: 'user' as const, content: 'Hi' }] }
const context = (stream = false) => ({ stream, signal: new AbortController().signal })
const endpoint = 'https://contoso.services.ai.azure.com/models'

describe('azureInferenceEndpoint', () => {
  it('posts to {endpoint}/chat/completions with the api-version and the api-key header', async () => {
    const prepared = await azureInferenceEndpoint({ endpoint, apiKey: KEY }).prepare(request, context())
    expect(prepared).toEqual({
      url: 'https://contoso.services.ai.azure.com/models/chat/completions?api-version=2025-05-01',
      headers: { 'api-key': KEY },
      body: request,
    })
  })

  it('sends extra-parameters, the default model, and the key as a bearer when asked', async () => {
    const inference = azureInferenceEndpoint({
      endpoint: 'https://my-llama.eastus2.models.ai.azure.com/',
      apiKey: KEY,
      apiVersion: '2024-05-01-preview',
      extraParameters: 'pass-through',
      model: 'Mistral-Large-2411',
      keyHeader: 'authorization',
    })
    const mistral: AzureInferenceChatRequest = { ...request, safe_prompt: true }
    const prepared = await inference.prepare(mistral, context(true))
    expect(prepared.url).toBe(
      'https://my-llama.eastus2.models.ai.azure.com/chat/completions?api-version=2024-05-01-preview',
    )
    expect(prepared.headers).toMatchObject({
      'extra-parameters': 'pass-through',
      authorization: `Bearer ${KEY}`,
    })
    expect(prepared.body).toEqual({ ...request, safe_prompt: true, model: 'Mistral-Large-2411' })
    const named = await inference.prepare({ ...request, model: 'DeepSeek-R1' }, context())
    expect(named.body.model).toBe('DeepSeek-R1')
  })

  it.each([
    'https://contoso.services.ai.azure.com/models/chat/completions?api-version=2024-05-01-preview',
    'https://contoso.services.ai.azure.com/models/chat/completions',
    'https://my-llama.eastus2.models.ai.azure.com/chat/completions/',
    'https://contoso.services.ai.azure.com/models/info',
    'https://contoso.services.ai.azure.com/models?api-version=2024-05-01-preview',
    // An Azure OpenAI deployment, which is another client's.
    'https://contoso.openai.azure.com/openai/deployments/gpt-4o-mini',
  ])('refuses the endpoint %s, a request URL, naming what to pass', (url) => {
    const build = () => azureInferenceEndpoint({ endpoint: url, apiKey: KEY })
    expect(build).toThrow(TypeError)
    expect(build).toThrow(
      /endpoint must be the models endpoint \(https:\/\/\{resource\}\.services\.ai\.azure\.com\/models, or a serverless endpoint\), not the URL of a request/,
    )
    expect(build).not.toThrow(/api-version=/)
  })

  it.each([
    [
      'https://contoso.services.ai.azure.com/models/',
      'https://contoso.services.ai.azure.com/models/chat/completions',
    ],
    [
      'https://my-llama.eastus2.models.ai.azure.com',
      'https://my-llama.eastus2.models.ai.azure.com/chat/completions',
    ],
    // A path of a gateway's own, which only ends like the client's paths.
    ['https://gateway.contoso.com/information', 'https://gateway.contoso.com/information/chat/completions'],
  ])('takes the endpoint %s', async (url, posted) => {
    const prepared = await azureInferenceEndpoint({ endpoint: url, apiKey: KEY }).prepare(request, context())
    expect(prepared.url).toBe(`${posted}?api-version=2025-05-01`)
  })

  it('leaves stream_options out, which the API does not define, unless extras pass through', async () => {
    const streamed = { ...request, stream: true, stream_options: { include_usage: true } }
    for (const extraParameters of [undefined, 'error', 'drop'] as const) {
      const prepared = await azureInferenceEndpoint({ endpoint, apiKey: KEY, extraParameters }).prepare(
        streamed,
        context(true),
      )
      expect(prepared.body).toEqual({ ...request, stream: true })
    }
    const passing = azureInferenceEndpoint({ endpoint, apiKey: KEY, extraParameters: 'pass-through' })
    expect((await passing.prepare(streamed, context(true))).body).toEqual(streamed)
  })

  it('passes modalities and audio through', async () => {
    const audio = {
      ...request,
      modalities: ['text', 'audio'] as ('text' | 'audio')[],
      audio: { voice: 'alloy', format: 'wav' as const },
    }
    expect((await azureInferenceEndpoint({ endpoint, apiKey: KEY }).prepare(audio, context())).body).toEqual(
      audio,
    )
  })

  it('checks its options', () => {
    // @ts-expect-error: not a mode of the header
    expect(() => azureInferenceEndpoint({ endpoint, apiKey: KEY, extraParameters: 'ignore' })).toThrow(
      /extraParameters/,
    )
    expect(() => azureInferenceEndpoint({ endpoint, apiKey: KEY, model: '' })).toThrow(/model is empty/)
    expect(() => azureInferenceEndpoint({ endpoint, apiKey: KEY, apiVersion: '' })).toThrow(
      /apiVersion is empty/,
    )
    expect(() => azureInferenceEndpoint({ endpoint })).toThrow(/apiKey .* or getToken/)
  })
})

describe('azureInferenceEndpoint.getModelInfo', () => {
  it('reads /info with the same credential, also under /models', async () => {
    const emulator = await startEmulator({ port: 0, keys: [KEY] })
    try {
      for (const base of [emulator.url, `${emulator.url}/models`]) {
        const info = await azureInferenceEndpoint({ endpoint: base, apiKey: KEY }).getModelInfo()
        expect(info).toEqual({
          model_name: 'Mistral-Large-2411',
          model_type: 'chat-completion',
          model_provider_name: 'Mistral',
        })
      }
      let tokens = 0
      const withToken = azureInferenceEndpoint({
        endpoint: emulator.url,
        getToken: () => {
          tokens++
          return KEY
        },
      })
      await withToken.getModelInfo()
      expect(tokens).toBe(1)
    } finally {
      await emulator.close()
    }
  })

  it('maps its failures to typed errors without the key', async () => {
    const emulator = await startEmulator({ port: 0, keys: [KEY] })
    try {
      const wrong = azureInferenceEndpoint({
        endpoint: emulator.url,
        apiKey: 'ffffffffffffffffffffffffffffffff',
      })
      const error = await wrong.getModelInfo().catch((caught: unknown) => caught)
      expect(error).toBeInstanceOf(AuthenticationError)
      expect((error as AuthenticationError).requestId).toMatch(/^[0-9a-f-]{36}$/)
      expect(JSON.stringify(error)).not.toContain('ffffffff')
      const missing = azureInferenceEndpoint({
        endpoint: emulator.url,
        apiKey: KEY,
        apiVersion: '2019-01-01',
      })
      await expect(missing.getModelInfo()).rejects.toMatchObject({ status: 400, path: 'api-version' })
      const fault = azureInferenceEndpoint({
        endpoint: emulator.url,
        apiKey: KEY,
        headers: { 'x-emulator-fault': 'not_found' },
      })
      await expect(fault.getModelInfo()).rejects.toBeInstanceOf(NotFoundError)
    } finally {
      await emulator.close()
    }
    const closed = azureInferenceEndpoint({ endpoint: emulator.url, apiKey: KEY })
    await expect(closed.getModelInfo()).rejects.toBeInstanceOf(ConnectionError)
  })

  it('cleans a key out of an error body cut inside it at maxResponseBytes', async () => {
    const prefix = 'rejected: '
    const server = createServer((_request, response) => {
      response
        .writeHead(401, { 'content-type': 'text/plain' })
        .end(`${prefix}${KEY} is not valid for this resource`)
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    try {
      const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
      const limit = prefix.length + KEY.length - 1
      const error = await azureInferenceEndpoint({ endpoint, apiKey: KEY })
        .getModelInfo({ maxResponseBytes: limit })
        .catch((caught: unknown) => caught)
      expect(error).toBeInstanceOf(AuthenticationError)
      expect(JSON.stringify({ message: (error as Error).message, error })).not.toContain(KEY.slice(0, 8))
    } finally {
      server.closeAllConnections()
      server.close()
    }
  })
})
