import { type ChatError, type ChatRequest, createChatClient, InvalidRequestError } from '@chatwire/core'
import { useEmulator } from '@chatwire/emulator/testing'
import { createOpenAI } from '@chatwire/openai'
import { rejection } from '@chatwire/testkit'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { emulatorEndpoint } from '../emulator-endpoint.js'

const emulator = useEmulator({ hooks: { beforeAll, afterAll, beforeEach } })

const endpoint = emulatorEndpoint(() => emulator.current.url)
const hello = (extra: Record<string, unknown>): ChatRequest & { model: string } =>
  ({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }], ...extra }) as ChatRequest & {
    model: string
  }

describe('a request that cannot be serialised is an InvalidRequestError with the path, before anything is sent', () => {
  const circular: Record<string, unknown> = { a: 1 }
  circular.self = circular
  const cases: [string, Record<string, unknown>, string, string][] = [
    ['a cycle', { metadata: circular }, 'metadata.self', 'a circular reference'],
    ['a BigInt', { user_data: { ids: [1, 2n] } }, 'user_data.ids[1]', 'a BigInt'],
    [
      'a toJSON that throws',
      {
        extra: {
          toJSON() {
            throw new Error('no')
          },
        },
      },
      'extra',
      'its toJSON() throws',
    ],
  ]
  for (const [what, extra, path, reason] of cases) {
    it(`${what}: complete() and stream()`, async () => {
      const client = createChatClient(endpoint, { validate: false })
      const error = await rejection<ChatError>(client.complete(hello(extra)))
      expect(error).toBeInstanceOf(InvalidRequestError)
      expect(error).toMatchObject({
        path,
        message: `The request cannot be serialised as JSON at ${path}: ${reason}`,
      })
      const validated = await rejection<ChatError>(createChatClient(endpoint).complete(hello(extra)))
      expect(validated).toBeInstanceOf(InvalidRequestError)
      const { outcome } = await client.stream(hello(extra)).final()
      expect(outcome).toMatchObject({ type: 'error', error: { name: 'InvalidRequestError', path } })
      expect(emulator.current.requests).toHaveLength(0)
    })
  }
})

describe('headers given as a Headers instance or as pairs are read, not dropped', () => {
  it('in the client options, a call and the adapter options', async () => {
    const seen: Headers[] = []
    const client = createOpenAI({
      apiKey: 'sk-test-0123456789',
      baseURL: `${emulator.current.url}/v1`,
      headers: new Headers({ 'x-adapter': 'a' }),
      onRequest: (event) => seen.push(event.headers),
    })
    const result = await client.complete(hello({}), {
      headers: new Headers({ 'x-emulator-fault': 'fail_then_succeed;with=server_error;times=1' }),
    })
    expect(result.outcome.type).toBe('stop')
    // The fault header of the call came through (one retry), and so did the adapter's.
    expect(emulator.current.requests).toHaveLength(2)
    expect(seen[0]?.get('x-adapter')).toBe('a')
    const pairs = createChatClient(endpoint, { headers: [['x-emulator-fault', 'unauthorized']] })
    expect(await rejection<ChatError>(pairs.complete(hello({})))).toMatchObject({ status: 401 })
  })
})
