import { countedFetch, memoryEndpoint, rejection } from '@chatwire/testkit'
import { describe, expect, it, vi } from 'vitest'
import { ServerError } from '../errors.js'
import { createChatClient } from './create-chat-client.js'

// The retry path is a lazy chunk of an app's bundle, which may fail to load (a new deploy, the network gone).
vi.mock('./retry-wait.js', () => {
  throw new TypeError('Failed to fetch dynamically imported module')
})

const KEY = 'sk-unloaded-0123456789abcdef'
const request = { model: 'm', messages: [{ role: 'user' as const, content: 'Hi' }] }

/** A client whose service answers 503 (retryable) with the key echoed in the body, counting its requests. */
function overloaded() {
  const retries: number[] = []
  const service = countedFetch(() => {
    const body = { error: { message: `Overloaded for ${KEY}`, type: 'server_error' } }
    return new Response(JSON.stringify(body), {
      status: 503,
      headers: { 'content-type': 'application/json', 'x-request-id': 'req-1' },
    })
  })
  const client = createChatClient(
    memoryEndpoint({ headers: { authorization: `Bearer ${KEY}` }, secrets: [KEY] }),
    {
      validate: false,
      maxRetryDelay: 1,
      onRetry: (event) => void retries.push(event.attempt),
      fetch: service.fetch,
    },
  )
  return { client, requests: () => service.calls, retries }
}

describe('a failure whose retry code does not load', () => {
  it('rejects complete() with the failure itself, redacted, not retried', async () => {
    const { client, requests, retries } = overloaded()
    const error = await rejection<ServerError>(client.complete(request))
    expect(error).toBeInstanceOf(ServerError)
    expect({ status: error.status, requestId: error.requestId }).toEqual({ status: 503, requestId: 'req-1' })
    expect(error.message).toContain('Overloaded for')
    expect(JSON.stringify([error.message, error.stack])).not.toContain(KEY)
    expect({ requests: requests(), retries }).toEqual({ requests: 1, retries: [] })
  })

  it('ends a stream with that failure as its outcome', async () => {
    const { client, requests } = overloaded()
    const { outcome } = await client.stream(request).final()
    expect(outcome.type === 'error' && outcome.error).toBeInstanceOf(ServerError)
    expect(outcome.type === 'error' && outcome.error.message).not.toContain(KEY)
    expect(requests()).toBe(1)
  })
})
