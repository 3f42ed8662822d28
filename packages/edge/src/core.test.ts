import {
  accumulate,
  type ChatEndpoint,
  createChatClient,
  decodeSSE,
  outcome,
  RateLimitError,
  readChunks,
} from '@chatwire/core'
import { describe, expect, inject, it } from 'vitest'

const url = inject('emulatorUrl')
const messages = [{ role: 'user' as const, content: 'Hello there' }]
const openai: ChatEndpoint = {
  name: 'edge-test',
  prepare: (request) => ({
    url: `${url}/v1/chat/completions`,
    headers: { authorization: 'Bearer sk-edge' },
    body: request,
  }),
}

describe('@chatwire/core in an edge runtime', () => {
  it('decodes, reads and accumulates a fetched stream, and reduces its outcome', async () => {
    const response = await fetch(`${url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: 'Bearer sk-edge', 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'gpt-4o-mini', messages, stream: true }),
    })
    if (response.body === null) throw new Error('no body')
    const chunks = readChunks(decodeSSE(response.body))
    const completion = await accumulate(chunks)
    expect(completion.choices[0]?.message.content).toBe('You said: Hello there')
    expect(outcome({ completion, truncated: chunks.truncated }).type).toBe('stop')
  })

  it('streams and completes through createChatClient', async () => {
    const client = createChatClient(openai, { maxRetries: 0 })
    const stream = client.stream({ model: 'gpt-4o-mini', messages })
    const deltas: string[] = []
    for await (const event of stream) if (event.type === 'content.delta') deltas.push(event.delta)
    const result = await stream.final()
    expect(deltas.join('')).toBe('You said: Hello there')
    expect(result.outcome.type).toBe('stop')
    expect((await client.complete({ model: 'gpt-4o-mini', messages })).text).toBe('You said: Hello there')
  })

  it('rejects with a typed error, after the retries', async () => {
    const client = createChatClient(openai, { maxRetries: 1, maxRetryDelay: 1 })
    const error = await client
      .complete(
        { model: 'gpt-4o-mini', messages },
        { headers: { 'x-emulator-fault': 'rate_limit;retry_after_ms=1' } },
      )
      .catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(RateLimitError)
  })

  it('aborts a stream with the reason kept', async () => {
    const client = createChatClient(openai)
    const controller = new AbortController()
    const stream = client.stream(
      { model: 'gpt-4o-mini', messages },
      { signal: controller.signal, headers: { 'x-emulator-fault': 'stall' } },
    )
    const reason = new Error('user left')
    setTimeout(() => controller.abort(reason), 20)
    const result = await stream.final()
    expect(result.outcome.type).toBe('error')
    const error = result.outcome.type === 'error' ? result.outcome.error : undefined
    expect(error?.name).toBe('AbortError')
    expect(error && 'reason' in error ? error.reason : undefined).toBe(reason)
  })
})
