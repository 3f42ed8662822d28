import { describe, expect, it } from 'vitest'
import {
  AbortError,
  AuthenticationError,
  type ChatError,
  ConnectionError,
  InvalidRequestError,
  MalformedStreamError,
  NotFoundError,
  RateLimitError,
  ServerError,
  TimeoutError,
} from './errors.js'
import { isRetryable, type RetryOptions, retryDelay } from './retry.js'

const NOW = Date.parse('2025-01-01T00:00:00Z')
/** No jitter: `random` returns 0, so the backoff is exactly 500, 1000, 2000, … */
const options: RetryOptions = { maxRetries: 2, maxRetryDelay: 8000, random: () => 0, now: NOW }

const reply = (status: number, headers: Record<string, string> = {}, message = `${status} error`) =>
  new ServerError(message, { status, headers: new Headers(headers) })

describe('retryDelay', () => {
  it.each<[string, number, ChatError, number | undefined]>([
    // which failures are retried
    ['408 Request Timeout', 1, reply(408), 500],
    ['409 Conflict', 1, reply(409), 500],
    ['429 without a hint', 1, new RateLimitError('429', { status: 429 }), 500],
    ['500', 1, reply(500), 500],
    ['502', 1, reply(502), 500],
    ['503', 1, reply(503), 500],
    ['504', 1, reply(504), 500],
    ['a connection failure before any reply', 1, new ConnectionError('reset'), 500],
    ['400', 1, new InvalidRequestError('400', { status: 400 }), undefined],
    ['401', 1, new AuthenticationError('401', { status: 401 }), undefined],
    ['404', 1, new NotFoundError('404', { status: 404 }), undefined],
    ['422', 1, new InvalidRequestError('422', { status: 422 }), undefined],
    [
      'a cross-origin redirect (ConnectionError with status 307)',
      1,
      new ConnectionError('x', { status: 307 }),
      undefined,
    ],
    ['a timeout', 1, new TimeoutError('slow'), undefined],
    ['an abort', 1, new AbortError('stop'), undefined],
    ['a malformed reply', 1, new MalformedStreamError('bad'), undefined],
    // x-should-retry overrides the status
    ['x-should-retry: false on a 503', 1, reply(503, { 'x-should-retry': 'false' }), undefined],
    ['x-should-retry: true on a 400', 1, reply(400, { 'x-should-retry': 'true' }), 500],
    ['x-should-retry with another value is ignored', 1, reply(400, { 'x-should-retry': 'yes' }), undefined],
    // the attempt count
    ['the second attempt doubles the backoff', 2, reply(500), 1000],
    ['no retry beyond maxRetries (10 here)', 11, reply(500), undefined],
    // the hints, in order
    ['retry-after-ms', 1, reply(429, { 'retry-after-ms': '1234' }), 1234],
    ['x-ms-retry-after-ms', 1, reply(429, { 'x-ms-retry-after-ms': '2500' }), 2500],
    ['retry-after in seconds', 1, reply(429, { 'retry-after': '3' }), 3000],
    ['retry-after as an HTTP date', 1, reply(429, { 'retry-after': 'Wed, 01 Jan 2025 00:00:04 GMT' }), 4000],
    [
      'retry-after as a date in the past',
      1,
      reply(503, { 'retry-after': 'Tue, 31 Dec 2024 23:00:00 GMT' }),
      0,
    ],
    [
      'retry-after-ms before x-ms-retry-after-ms',
      1,
      reply(429, { 'retry-after-ms': '10', 'x-ms-retry-after-ms': '20' }),
      10,
    ],
    [
      'x-ms-retry-after-ms before retry-after',
      1,
      reply(429, { 'x-ms-retry-after-ms': '20', 'retry-after': '1' }),
      20,
    ],
    [
      'a header before the message',
      1,
      reply(429, { 'retry-after': '1' }, 'Please retry after 6 seconds.'),
      1000,
    ],
    ['"retry after N seconds" in the message', 1, reply(429, {}, 'Please retry after 6 seconds.'), 6000],
    ['"try again in 1.5s" in the message', 1, reply(429, {}, 'Please try again in 1.5s.'), 1500],
    ['an unreadable header falls through to backoff', 1, reply(429, { 'retry-after': 'soon' }), 500],
    ['a hint is used on later attempts too', 2, reply(429, { 'retry-after-ms': '10' }), 10],
    // the cap
    ['a hint at the cap is honoured', 1, reply(429, { 'retry-after': '8' }), 8000],
    ['a hint above the cap is not retried', 1, reply(429, { 'retry-after': '9' }), undefined],
    [
      'x-should-retry: true does not lift the cap',
      1,
      reply(429, { 'retry-after': '60', 'x-should-retry': 'true' }),
      undefined,
    ],
    ['the backoff is capped', 6, reply(500), 8000],
  ])('%s (attempt %i) → %s', (_name, attempt, failure, expected) => {
    expect(retryDelay(attempt, failure, { ...options, maxRetries: 10 })).toBe(expected)
  })

  it('subtracts up to 25 % jitter from the backoff, never from a hint', () => {
    const almostOne = { ...options, random: () => 0.999_999 }
    expect(retryDelay(1, reply(500), almostOne)).toBe(375)
    expect(retryDelay(2, reply(500), { ...options, random: () => 0.5 })).toBe(875)
    expect(retryDelay(1, reply(429, { 'retry-after-ms': '400' }), almostOne)).toBe(400)
  })

  it('starts from initialRetryDelay when given', () => {
    expect(retryDelay(1, reply(500), { ...options, initialRetryDelay: 100 })).toBe(100)
    expect(retryDelay(3, reply(500), { ...options, maxRetries: 5, initialRetryDelay: 100 })).toBe(400)
    expect(retryDelay(3, reply(500), options)).toBeUndefined()
  })

  it('retries at once with a cap of 0 and never with maxRetries 0', () => {
    expect(retryDelay(1, reply(500), { ...options, maxRetryDelay: 0 })).toBe(0)
    expect(retryDelay(1, reply(500), { ...options, maxRetries: 0 })).toBeUndefined()
  })

  it('never waits longer than a timer can: a longer wish is not retried, a backoff is capped', () => {
    const endless = { ...options, maxRetryDelay: Number.POSITIVE_INFINITY, maxRetries: 2000 }
    expect(retryDelay(1, reply(429, { 'retry-after': '3000000' }), endless)).toBeUndefined()
    expect(retryDelay(1, reply(429, { 'retry-after': '2000000' }), endless)).toBe(2_000_000_000)
    expect(retryDelay(1500, reply(500), endless)).toBe(2 ** 31 - 1)
  })
})

describe('isRetryable', () => {
  it('reads the status, x-should-retry and the kind of error, not the count', () => {
    expect([reply(429), reply(500), new ConnectionError('x')].map(isRetryable)).toEqual([true, true, true])
    expect(
      [reply(400), reply(503, { 'x-should-retry': 'false' }), new TimeoutError('t')].map(isRetryable),
    ).toEqual([false, false, false])
    // A `timeout` that struck before the body is retried like a failed connection; an idle one is not.
    const timeouts = [
      new TimeoutError('t', { option: 'timeout' }),
      new TimeoutError('i', { option: 'idleTimeout' }),
    ]
    expect(timeouts.map(isRetryable)).toEqual([true, false])
  })
})
