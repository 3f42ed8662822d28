import type { ChatError } from '../errors.js'
import { retryDelay } from '../retry.js'
import type { CallContext } from './call-context.js'

/**
 * What follows a failed attempt that may be retried: the wait before the next one (`onRetry` told first), or
 * the failure thrown when the policy says no. Loaded with the first such failure: an app's bundle holds the
 * retry path in a lazy chunk.
 */
export async function waitToRetry(call: CallContext, attempt: number, failure: ChatError): Promise<void> {
  const delay = retryDelay(attempt, failure, call.options)
  if (delay === undefined) throw failure
  const { onRetry } = call.options.hooks
  if (onRetry) {
    const event = { attempt, delay, error: call.redact.error(failure) }
    try {
      onRetry(event)
    } catch (error) {
      throw call.hookThrew('onRetry', error)
    }
  }
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
