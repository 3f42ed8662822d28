import { type ChatError, ConnectionError, TimeoutError } from './errors.js'
import { retryAfterMs, retryAfterMsFromMessage } from './retry-after.js'

// @chatwire/core/retry: the retry policy, an entry of its own so that an app's bundle loads it with the first
// failure (the client imports it lazily), and the reading of the services' retry hints it goes by.
export { retryAfterMs, retryAfterMsFromMessage } from './retry-after.js'

/** What {@link retryDelay} needs besides the failure. */
export interface RetryOptions {
  /** How many retries after the first attempt (2 by default in the client). */
  maxRetries: number
  /** The longest wait before a retry, in ms. A service that asks for longer is not retried: its error is thrown. */
  maxRetryDelay: number
  /** The first backoff delay, in ms, doubled for every further attempt. Default 500. */
  initialRetryDelay?: number | undefined
  /** A number in [0, 1) for the jitter; `Math.random` by default. */
  random?: (() => number) | undefined
  /** The current time in epoch ms, for `retry-after` given as an HTTP date; `Date.now()` by default. */
  now?: number | undefined
}

const DEFAULT_INITIAL_DELAY = 500
// The longest delay `setTimeout` keeps (a longer one fires at once): a wait beyond it is not retried.
const MAX_TIMER_MS = 2 ** 31 - 1
// Request Timeout, Conflict (OpenAI's "another request is using this resource"), Too Many Requests.
const RETRY_STATUSES: ReadonlySet<number> = new Set([408, 409, 429])

/**
 * Whether a failed attempt is worth another one, and after how many ms: `undefined` means "throw it".
 * `attempt` counts the attempts made so far, this one included (1 after the first failure).
 *
 * The client asks only about failures that struck before a 2xx reply arrived: a stream that began is never
 * retried, so a consumer never sees the same text twice. The rules, in order:
 * 1. no more than `maxRetries` retries;
 * 2. the service's `x-should-retry: true | false` decides when present;
 * 3. else retry 408, 409, 429 and every 5xx, a {@link ConnectionError} without a status (the connection
 *    failed or was reset before a reply) and a {@link TimeoutError} of the `timeout` option (no byte of the
 *    body came in time; as the `openai` SDK does); an idle timeout, an abort or another status is thrown at once;
 * 4. wait what the service asks for: `retry-after-ms`, `x-ms-retry-after-ms`, `retry-after` (seconds or an
 *    HTTP date), then "retry after N seconds" / "try again in 1.5s" in the message; a wish longer than
 *    `maxRetryDelay` (or than 2147483647 ms, the longest timer) is not retried (the error, a `RateLimitError`
 *    with `retryAfterMs`, tells the caller);
 * 5. else back off exponentially from `initialRetryDelay`, capped at `maxRetryDelay`, less up to 25 % jitter.
 */
export function retryDelay(attempt: number, failure: ChatError, options: RetryOptions): number | undefined {
  if (attempt > options.maxRetries || !isRetryable(failure)) return undefined
  const hinted = retryAfterMs(failure.headers, options.now) ?? retryAfterMsFromMessage(failure.message)
  const longest = Math.min(options.maxRetryDelay, MAX_TIMER_MS)
  if (hinted !== undefined) return hinted <= longest ? hinted : undefined
  const initial = options.initialRetryDelay ?? DEFAULT_INITIAL_DELAY
  const ceiling = Math.min(initial * 2 ** (attempt - 1), longest)
  const jitter = 1 - (options.random ?? Math.random)() * 0.25
  return Math.max(0, Math.round(ceiling * jitter))
}

/** Rules 2 and 3 of {@link retryDelay}: whether the failure may be retried at all, whatever the count. */
export function isRetryable(failure: ChatError): boolean {
  const shouldRetry = failure.headers?.get('x-should-retry')
  if (shouldRetry === 'true') return true
  if (shouldRetry === 'false') return false
  const { status } = failure
  if (status === undefined) {
    return (
      failure instanceof ConnectionError || (failure instanceof TimeoutError && failure.option === 'timeout')
    )
  }
  return RETRY_STATUSES.has(status) || (status >= 500 && status <= 599)
}
