import { AbortError } from '../errors.js'
import { type LoadTimers, loadWithin } from './timeouts.js'

/** A signal a call links its controller to: one listener per call, or one shared by every call of a client. */
export interface SignalSource {
  /** Aborts `controller` when the signal aborts (at once if it has); returns the function that unlinks it. */
  link(controller: AbortController): () => void
}

/** Whether `value` behaves as an `AbortSignal` (any realm's, or a polyfill's). */
export function isAbortSignal(value: unknown): value is AbortSignal {
  if (typeof value !== 'object' || value === null) return false
  const signal = value as Partial<AbortSignal>
  return (
    typeof signal.aborted === 'boolean' &&
    typeof signal.addEventListener === 'function' &&
    typeof signal.removeEventListener === 'function'
  )
}

/**
 * A signal as a source: one listener, added while a controller is linked. A client's signal is shared by all
 * its calls through one, and so is each signal given to its calls: a thousand concurrent calls add one
 * listener, not a thousand (which would also print `MaxListenersExceededWarning` in Node).
 */
export function sharedSignal(signal: AbortSignal): SignalSource {
  const controllers = new Set<AbortController>()
  const onAbort = () => {
    for (const controller of controllers) controller.abort(signal.reason)
    controllers.clear()
  }
  return {
    link(controller) {
      if (signal.aborted) {
        controller.abort(signal.reason)
        return () => {}
      }
      if (controllers.size === 0) signal.addEventListener('abort', onAbort, { once: true })
      controllers.add(controller)
      return () => {
        if (controllers.delete(controller) && controllers.size === 0) {
          signal.removeEventListener('abort', onAbort)
        }
      }
    },
  }
}

/**
 * Aborts `controller` when any of `sources` aborts, with that signal's reason (at once if one already has).
 * Returns the function that removes the listeners: call it when the work ends, so that a long-lived signal
 * (an app-wide one, a client's) does not keep every finished request alive.
 */
export function linkSignals(
  controller: AbortController,
  sources: readonly (SignalSource | AbortSignal)[],
): () => void {
  const links: (() => void)[] = []
  for (const source of sources) {
    const link = isAbortSignal(source) ? sharedSignal(source) : source
    links.push(link.link(controller))
    if (controller.signal.aborted) break
  }
  return () => {
    for (const unlink of links) unlink()
    links.length = 0
  }
}

/**
 * `work`, or the signal's reason as soon as it aborts: a `fetch` or a token provider that ignores its signal
 * cannot hold an abort or a timeout up. The work goes on unwatched; its late result is dropped.
 */
export function abortable<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason)
    if (signal.aborted) {
      work.catch(() => {})
      return onAbort()
    }
    signal.addEventListener('abort', onAbort, { once: true })
    const settle =
      <V>(then: (value: V) => void) =>
      (value: V) => {
        signal.removeEventListener('abort', onAbort)
        then(value)
      }
    work.then(settle(resolve), settle(reject))
  })
}

/**
 * The load of a lazy chunk of an app's bundle, raced with `signal` and bounded by the call's timers (see
 * {@link loadWithin}): the signal's reason once it aborts, else, when the load fails or stalls (a new deploy,
 * the network gone), the error `failed` makes of its cause (without `failed`, the cause itself).
 */
export function loadChunk<T>(
  load: Promise<T>,
  signal: AbortSignal,
  timers: LoadTimers,
  failed?: (cause: unknown) => unknown,
): Promise<T> {
  const bounded = loadWithin(abortable(load, signal), timers)
  if (failed === undefined) return bounded
  return bounded.catch((cause: unknown) => {
    throw signal.aborted ? cause : failed(cause)
  })
}

/** Races the loads of a lazy chunk's own lazy paths as its caller says (see {@link loadChunk}). */
export type LoadRace = <T>(load: Promise<T>) => Promise<T>

/** The {@link AbortError} for an aborted signal: its `reason` is the signal's, the very same value. */
export function abortErrorOf(signal: AbortSignal, what: string): AbortError {
  const { reason } = signal
  const said = reason instanceof Error ? reason.message : typeof reason === 'string' ? reason : undefined
  return new AbortError(`${what} was aborted${said ? ` (${said})` : ''}`, { reason })
}

/** The reason a stream is aborted with when its consumer stops reading (`break`, `return()`, a cancelled view). */
export function consumerStopped(): unknown {
  return new DOMException('The consumer stopped reading the stream', 'AbortError')
}
