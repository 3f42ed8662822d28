import type { RetryEvent } from '@chatwire/core'
import {
  AuthenticationError,
  type ChatError,
  InvalidRequestError,
  RateLimitError,
  ServerError,
} from '@chatwire/core'
import { describe, expect, it } from 'vitest'
import { fault, faultHeaders } from '../harness/fault-builders.js'
import { useEmulator } from '../testing/client.js'
import { coreClient, DIALECTS } from '../testing/core-client.js'

const emulator = useEmulator()
const hello = { messages: [{ role: 'user' as const, content: 'one two three four' }] }

describe.each(DIALECTS)('a mid-stream error on %s, through a chatwire client', (dialect) => {
  it.each([
    [429, RateLimitError, { retryAfterMs: 1000 }],
    [401, AuthenticationError, {}],
    [403, AuthenticationError, {}],
    [400, InvalidRequestError, {}],
    [422, InvalidRequestError, {}],
    [500, ServerError, {}],
    [503, ServerError, {}],
  ] as const)('status=%i is typed %O', async (status, kind, fields) => {
    for (const name of ['error_event', 'error_payload'] as const) {
      const client = coreClient(emulator.current, dialect)
      const headers = faultHeaders(fault(name, { status, after: 2 }))
      const { outcome, text } = await client.stream(hello, { headers }).final()
      expect(outcome.type).toBe('error')
      const error = (outcome as { error: ChatError }).error
      expect(error).toBeInstanceOf(kind)
      expect(error).toMatchObject({ status, ...fields })
      // What came before the error is kept (Azure's prompt-filter chunk takes one of the two frames).
      expect('You said: one two three four'.startsWith(text)).toBe(true)
    }
  })

  it('says what a real service says for the status', async () => {
    const client = coreClient(emulator.current, dialect)
    const errorOf = async (status: number) => {
      const headers = faultHeaders(fault('error_event', { status }))
      const { outcome } = await client.stream(hello, { headers }).final()
      return (outcome as { error: ChatError }).error
    }
    const limited = await errorOf(429)
    expect(limited.message).toMatch(/rate limit/iu)
    expect((await errorOf(401)).message).toMatch(
      dialect === 'openai' ? /Incorrect API key/u : /Access denied/u,
    )
    expect((await errorOf(500)).message).toMatch(/The server had an error/u)
  })
})

describe.each(DIALECTS)('a 429 without a retry hint on %s', (dialect) => {
  const limited = (params: Parameters<typeof fault<'rate_limit'>>[1]) =>
    faultHeaders(fault('rate_limit', { retry_after_ms: 2500, header: 'none', ...params }))

  it('message_hint=false leaves the client its own exponential backoff', async () => {
    const retries: RetryEvent[] = []
    const client = coreClient(emulator.current, dialect, {
      maxRetries: 2,
      maxRetryDelay: 40,
      onRetry: (event) => retries.push(event),
    })
    emulator.current.reset()
    const error = await client
      .complete(hello, { headers: limited({ message_hint: false }) })
      .catch((caught: unknown) => caught as ChatError)
    expect(error).toBeInstanceOf(RateLimitError)
    expect((error as RateLimitError).retryAfterMs).toBeUndefined()
    expect((error as ChatError).message).not.toMatch(/\d\s?(?:s|seconds)\b/u)
    // Backoff, capped by maxRetryDelay, less up to 25 % jitter: never the 2500 ms a hint would ask for.
    expect(retries.map((event) => event.delay <= 40 && event.delay >= 30)).toEqual([true, true])
    expect(emulator.current.requests.map((request) => request.status)).toEqual([429, 429, 429])
  })

  it('without it, the message still says the delay (and a hint longer than maxRetryDelay is not retried)', async () => {
    const client = coreClient(emulator.current, dialect, { maxRetries: 2, maxRetryDelay: 40 })
    emulator.current.reset()
    const error = await client.complete(hello, { headers: limited({}) }).catch((caught: unknown) => caught)
    // OpenAI says "try again in 2.5s", Azure "Please retry after 3 seconds" (whole seconds, rounded up).
    const said = dialect === 'openai' ? 2500 : 3000
    expect(error).toMatchObject({ name: 'RateLimitError', retryAfterMs: said })
    expect(emulator.current.requests).toHaveLength(1)
  })
})
