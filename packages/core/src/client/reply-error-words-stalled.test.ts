import { memoryEndpoint } from '@chatwire/testkit'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { ChatError } from '../errors.js'
import { createChatClient } from './create-chat-client.js'

// The words of an error reply (errorFromBody, which reply-error.ts loads) are a lazy chunk that may never load.
const loading = await vi.hoisted(async () => (await import('@chatwire/testkit')).stalledLoad())
vi.mock('../error-from-body.js', () => loading.load())

afterEach(() => {
  vi.useRealTimers()
})

describe('a 400 whose words never load, on a call with no timeout', () => {
  it('ends once idleTimeout passes (a minute at least) with a ChatError keeping the status and request id', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    const client = createChatClient(memoryEndpoint(), {
      validate: false,
      timeout: Number.POSITIVE_INFINITY,
      idleTimeout: 90_000,
      fetch: async () =>
        Response.json({ error: { message: 'bad' } }, { status: 400, headers: { 'x-request-id': 'req-4' } }),
    })
    const { error } = await loading.settlesBetween<unknown, ChatError>(
      () => client.complete({ model: 'm', messages: [{ role: 'user', content: 'Hi' }] }),
      89_000,
      2_000,
      vi.advanceTimersByTimeAsync,
    )
    expect(error).toBeInstanceOf(ChatError)
    expect([error?.message, error?.status, error?.requestId]).toEqual([
      'memory answered 400, and the code that reads its error could not load (a chunk of the app that did not load)',
      400,
      'req-4',
    ])
  })
})
