import { type ChatError, TimeoutError } from '../errors.js'
import { retryDelay } from '../retry.js'
import type { CallContext } from './call-context.js'

/**
 * What follows a failed attempt: the wait before the next one (`onRetry` told first), or the failure thrown
 * when it is not retried. Loaded with the first failure: an app's bundle holds the retry path in a lazy chunk.
 * Once a 2xx reply came (`replied`), only a `timeout` before its first byte is retried: a reset may follow a
 * reply the service already generated (and billed), as before any retry policy.
 */
export async function waitToRetry(
  call: CallContext,
  attempt: number,
  failure: ChatError,
  replied: boolean,
): Promise<void> {
  const retryable = !replied || (failure instanceof TimeoutError && failure.option === 'timeout')
  const delay = retryable ? retryDelay(attempt, failure, call.options) : undefined
  if (delay === undefined) throw failure
  call.options.hooks.onRetry?.({ attempt, delay, error: call.redact.error(failure) })
  await sleep(delay, call.signal)
}

/** Waits `ms`; rejects with the signal's reason as soon as it aborts, so a retry delay never holds an abort up. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason)
    const onAbort = () => {
      clearTimeout(timer)
      reject(signal.reason)
    }
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    signal.addEventListener('abort', onAbort, { once: true })
  })
}
