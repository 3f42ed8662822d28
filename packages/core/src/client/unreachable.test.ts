import { rejection } from '@chatwire/testkit'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { ChatEndpoint } from '../endpoint.js'
import { ChatError, ConnectionError } from '../errors.js'
import { createChatClient } from './create-chat-client.js'

const KEY = 'sk-unsent-0123456789abcdefgh'
const request = { model: 'm', messages: [{ role: 'user' as const, content: 'Hi' }] }
const endpoint = (prepare: ChatEndpoint['prepare']): ChatEndpoint => ({
  name: 'memory',
  prepare,
  secrets: () => [KEY],
})
const sent = () => ({ url: 'http://127.0.0.1:9/', headers: {}, body: request })

afterEach(() => {
  vi.unstubAllGlobals()
})

describe('a request that does not go out', () => {
  it('is a ChatError naming the endpoint when its prepare throws, its words kept and redacted', async () => {
    const cause = new Error(`token store locked for ${KEY}`)
    const client = createChatClient(
      endpoint(() => {
        throw cause
      }),
      { validate: false },
    )
    const error = await rejection<ChatError>(client.complete(request))
    expect(error).toBeInstanceOf(ChatError)
    expect(error.constructor).toBe(ChatError)
    expect(error.message).toBe('memory could not prepare the request: token store locked for [redacted]')
    expect((error.cause as Error).message).toBe('token store locked for [redacted]')
  })

  it('is a ChatError that says what to pass when the runtime has no fetch', async () => {
    vi.stubGlobal('fetch', undefined)
    const client = createChatClient(endpoint(sent), { validate: false })
    const { outcome } = await client.stream(request).final()
    expect(outcome).toMatchObject({
      type: 'error',
      error: {
        name: 'ChatError',
        message: 'No fetch function: this runtime has no globalThis.fetch; pass one as the `fetch` option',
      },
    })
  })

  it('is a ConnectionError naming the origin only when the service cannot be reached', async () => {
    const client = createChatClient(endpoint(sent), {
      validate: false,
      maxRetries: 0,
      fetch: async () => {
        throw new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } })
      },
    })
    const error = await rejection<ConnectionError>(client.complete(request))
    expect(error).toBeInstanceOf(ConnectionError)
    expect(error.message).toBe('Could not reach memory at http://127.0.0.1:9: fetch failed (ECONNREFUSED)')
  })
})
