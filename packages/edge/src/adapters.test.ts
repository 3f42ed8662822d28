import { createAzureInference, createAzureOpenAI } from '@chatwire/azure'
import { createFetchClient, toSSEResponse } from '@chatwire/fetch'
import { type ChatMessage, ContentFilterError, createOpenAI } from '@chatwire/openai'
import { describe, expect, inject, it } from 'vitest'

const url = inject('emulatorUrl')
const messages = [{ role: 'user' as const, content: 'Hello there' }]
const key = 'sk-edge'

async function streamedText(stream: AsyncIterable<{ type: string; delta?: string }>): Promise<string> {
  let text = ''
  for await (const event of stream) if (event.type === 'content.delta') text += event.delta ?? ''
  return text
}

describe('the adapters in an edge runtime', () => {
  it('createOpenAI streams and maps errors', async () => {
    const openai = createOpenAI({ baseURL: `${url}/v1`, apiKey: key, maxRetries: 0 })
    const stream = openai.stream({ model: 'gpt-4o-mini', messages })
    expect(await streamedText(stream)).toBe('You said: Hello there')
    expect((await stream.final()).outcome.type).toBe('stop')
    const error = await openai
      .complete(
        { model: 'gpt-4o-mini', messages },
        { headers: { 'x-emulator-fault': 'content_filter_prompt' } },
      )
      .catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(ContentFilterError)
  })

  it('createAzureOpenAI and createAzureInference stream', async () => {
    const azure = createAzureOpenAI({ endpoint: url, deployment: 'gpt-4o-mini', apiKey: key })
    expect(await streamedText(azure.stream({ messages }))).toBe('You said: Hello there')
    const inference = createAzureInference({ endpoint: url, apiKey: key })
    expect(await streamedText(inference.stream({ messages }))).toBe('You said: Hello there')
    expect((await inference.getModelInfo()).model_name).toBe('Mistral-Large-2411')
  })

  it('relays a stream with toSSEResponse to a createFetchClient, as an edge route does', async () => {
    const upstream = createOpenAI({ baseURL: `${url}/v1`, apiKey: key })
    // The route: the browser's request in, the upstream stream relayed out.
    const route = async (request: Request): Promise<Response> => {
      const body = (await request.json()) as { messages: ChatMessage[] }
      return toSSEResponse(upstream.stream({ model: 'gpt-4o-mini', messages: body.messages }), {
        signal: request.signal,
      })
    }
    const browser = createFetchClient({
      url: 'https://app.example/api/chat',
      fetch: (input, init) => route(new Request(input, init)),
    })
    const stream = browser.stream({ messages })
    expect(await streamedText(stream)).toBe('You said: Hello there')
    expect((await stream.final()).outcome.type).toBe('stop')
  })
})
