import { AbortError } from '../errors.js'

/**
 * Aborts `controller` when any of `signals` aborts, with that signal's reason (at once if one already has).
 * Returns the function that removes the listeners: call it when the work ends, so that a long-lived signal
 * (an app-wide one, a client's) does not keep every finished request alive.
 */
export function linkSignals(controller: AbortController, signals: readonly AbortSignal[]): () => void {
  const links: (() => void)[] = []
  for (const signal of signals) {
    if (signal.aborted) {
      controller.abort(signal.reason)
      break
    }
    const onAbort = () => controller.abort(signal.reason)
    signal.addEventListener('abort', onAbort, { once: true })
    links.push(() => signal.removeEventListener('abort', onAbort))
  }
  return () => {
    for (const unlink of links) unlink()
    links.length = 0
  }
}

/** The {@link AbortError} for an aborted signal: its `reason` is the signal's, the very same value. */
export function abortErrorOf(signal: AbortSignal, what: string): AbortError {
  const { reason } = signal
  const said = reason instanceof Error ? reason.message : typeof reason === 'string' ? reason : undefined
  return new AbortError(`${what} was aborted${said ? ` (${said})` : ''}`, { reason })
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

/** The reason a stream is aborted with when its consumer stops reading (`break`, `return()`, a cancelled view). */
export function consumerStopped(): unknown {
  return new DOMException('The consumer stopped reading the stream', 'AbortError')
}
