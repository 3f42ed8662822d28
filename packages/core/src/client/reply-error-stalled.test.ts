import { memoryEndpoint, rejection } from '@chatwire/testkit'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { ChatError } from '../errors.js'
import { createChatClient } from './create-chat-client.js'

// The error path is a lazy chunk of an app's bundle, whose load may never end (a stalled network).
const loading = await vi.hoisted(async () => (await import('@chatwire/testkit')).stalledLoad())
vi.mock('./reply-error.js', () => loading.load())

afterEach(() => {
  vi.useRealTimers()
})

describe('a 429 whose error path never loads', () => {
  it('ends within the call timers with a ChatError keeping the status and request id', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    const client = createChatClient(memoryEndpoint(), {
      validate: false,
      maxRetries: 0,
      timeout: Number.POSITIVE_INFINITY,
      idleTimeout: 90_000,
      fetch: async () =>
        Response.json(
          { error: { message: 'slow down' } },
          { status: 429, headers: { 'x-request-id': 'req-7' } },
        ),
    })
    const pending = rejection<ChatError>(
      client.complete({ model: 'm', messages: [{ role: 'user', content: 'Hi' }] }),
    )
    await loading.started
    await vi.advanceTimersByTimeAsync(91_000)
    const error = await pending
    expect(error.constructor).toBe(ChatError)
    expect([error.message, error.status, error.requestId, error.headers?.get('x-request-id')]).toEqual([
      'memory answered 429, and the code that reads its error could not load (a chunk of the app that did not load)',
      429,
      'req-7',
      'req-7',
    ])
  })
})
