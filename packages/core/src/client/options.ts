import { InvalidRequestError } from '../errors.js'
import { isAbortSignal, type SignalSource, sharedSignal } from './abort.js'
import type { ChatHooks } from './hooks.js'
import { type HeadersLike, headersRecord } from './request-headers.js'

/** The `fetch` the client calls: the global one, or any function with its signature (a proxy, a test double). */
export type FetchFunction = (url: string, init: RequestInit) => Promise<Response>

/**
 * Options of one call; each overrides the client's option of the same name (`headers` are merged).
 *
 * | option | `complete()` | `stream()` | default |
 * | --- | --- | --- | --- |
 * | `timeout` | the whole attempt: preparing it (a token), the reply's headers and its whole body | preparing, the headers and the first byte of the body | 10 minutes |
 * | `idleTimeout` | silence of the server while the body is read | silence between two pieces of the stream | 5 minutes |
 *
 * Both are per attempt, in ms; 0 or `Infinity` means no limit; at most 2147483647 (about 24.8 days, the
 * longest timer runtimes keep). Only the time a read waits counts as silence: a slow consumer never times a
 * stream out. A `timeout` that strikes before any byte of the body is retried like a failed connection.
 * Code of the client's that an app's bundle loads lazily (validation, the hooks, the retry path, the reading of
 * a reply, the words of an error) is given `timeout` too, or `idleTimeout` on a call without one, a minute at
 * least: a stalled load ends the call.
 */
export interface ChatCallOptions {
  /**
   * Extra request headers, merged over the endpoint's (and, for a call, over the client's): a record, a
   * `Headers`, or `[name, value]` pairs. CR or LF is refused.
   */
  headers?: HeadersLike | undefined
  /**
   * Aborts the call. A client's signal and a call's signal both apply: either one aborts. The calls of a client
   * that share a signal add one listener to it, removed once none of them runs.
   */
  signal?: AbortSignal | undefined
  /**
   * ms an attempt may take: `complete()` until its whole body is read, `stream()` until the first byte of its
   * body; `TimeoutError` after (retried when no byte of the body came). Default 10 minutes; 0 or Infinity: no limit.
   */
  timeout?: number | undefined
  /**
   * ms the server may stay silent while a body is read (between two pieces of a stream); `TimeoutError` with
   * the partial after. Time the consumer spends between reads does not count. Default 5 minutes; 0 or Infinity: no limit.
   */
  idleTimeout?: number | undefined
  /** Retries after the first attempt, for failures before the reply's body began (see `retryDelay`). Default 2. */
  maxRetries?: number | undefined
  /** The longest wait before a retry, in ms; a service asking for longer is not retried. Default 8000. */
  maxRetryDelay?: number | undefined
  /** The most bytes a non-streamed reply may hold, counted after decompression. Default 64 MiB. */
  maxResponseBytes?: number | undefined
  /** The most bytes of an error reply that are read (the rest is dropped), after decompression. Default 1 MiB. */
  maxErrorBodyBytes?: number | undefined
  /** Check the request with `validateRequest` before anything is sent. Default true. */
  validate?: boolean | undefined
  /**
   * The longest line and the longest event data a stream may send, in UTF-16 code units (never more than its
   * bytes); beyond it the stream fails with a `StreamLimitError` keeping the partial. Default 64 Mi.
   */
  maxEventLength?: number | undefined
}

/** Options of {@link createChatClient}: the defaults of every call, plus the `fetch` to use and the hooks. */
export interface ChatClientOptions extends ChatCallOptions, ChatHooks {
  /** The `fetch` to call; `globalThis.fetch`, looked up at each call, by default. */
  fetch?: FetchFunction | undefined
}

/** Every option of one call, defaults applied. */
export interface ResolvedCallOptions {
  fetch: FetchFunction | undefined
  headers: Record<string, string>
  signals: SignalSource[]
  /** `Infinity` when there is no limit. */
  timeout: number
  /** `Infinity` when there is no limit. */
  idleTimeout: number
  maxRetries: number
  maxRetryDelay: number
  maxResponseBytes: number
  maxErrorBodyBytes: number
  validate: boolean
  hooks: ChatHooks
  /** Checked by the SSE decoder when the stream is read; `undefined` for its default. */
  maxEventLength: number | undefined
}

/** The default `timeout`: 10 minutes per attempt. */
export const DEFAULT_TIMEOUT = 10 * 60_000
/** The default `idleTimeout`: 5 minutes of silence, so that no stream hangs forever by default. */
export const DEFAULT_IDLE_TIMEOUT = 5 * 60_000
/** The default `maxRetries`. */
export const DEFAULT_MAX_RETRIES = 2
/** The default `maxRetryDelay`, in ms. */
export const DEFAULT_MAX_RETRY_DELAY = 8000
/** The default `maxResponseBytes`: 64 MiB of a non-streamed reply, after decompression. */
export const DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024 * 1024
/** The default `maxErrorBodyBytes`: 1 MiB of an error reply, after decompression. */
export const DEFAULT_MAX_ERROR_BODY_BYTES = 1024 * 1024
/** The longest delay `setTimeout` keeps: a longer one fires at once (Node, browsers). */
export const MAX_TIMER_MS = 2 ** 31 - 1

/** The numeric options: name, default, least value; the first two are timers (0 or Infinity: no limit). */
const NUMBERS = [
  ['timeout', DEFAULT_TIMEOUT, 0],
  ['idleTimeout', DEFAULT_IDLE_TIMEOUT, 0],
  ['maxRetries', DEFAULT_MAX_RETRIES, 0],
  ['maxRetryDelay', DEFAULT_MAX_RETRY_DELAY, 0],
  ['maxResponseBytes', DEFAULT_MAX_RESPONSE_BYTES, 1],
  ['maxErrorBodyBytes', DEFAULT_MAX_ERROR_BODY_BYTES, 1],
  // `undefined`: the SSE decoder's default.
  ['maxEventLength', undefined, 1],
] as const

/**
 * Applies the call's options over the client's, then the defaults. `clientSignal` is the client's signal as
 * shared by all its calls (one listener for all of them); `share` gives the source of a call's signal, the
 * client's own for that signal, so that the calls of a client that share a signal add one listener to it.
 */
export function resolveCallOptions(
  client: ChatClientOptions,
  call: ChatCallOptions = {},
  clientSignal?: SignalSource,
  share: (signal: AbortSignal) => SignalSource = sharedSignal,
): ResolvedCallOptions {
  const callSignal = checkSignal(call.signal)
  const own = clientSignal ?? checkSignal(client.signal)
  const signals: SignalSource[] = []
  for (const signal of [own, callSignal]) {
    if (signal !== undefined) signals.push(isAbortSignal(signal) ? share(signal) : signal)
  }
  const resolved: Record<string, unknown> = {
    fetch: client.fetch,
    headers: { ...headersRecord(client.headers, 'headers'), ...headersRecord(call.headers, 'headers') },
    signals,
    validate: call.validate ?? client.validate ?? true,
    hooks: { onRequest: client.onRequest, onResponse: client.onResponse, onRetry: client.onRetry },
  }
  NUMBERS.forEach(([name, fallback, least], index) => {
    const value: number | undefined = call[name] ?? client[name] ?? fallback
    resolved[name] = value === undefined ? value : checkNumber(name, value, least, index < 2)
  })
  return resolved as unknown as ResolvedCallOptions
}

/** A signal that is not an `AbortSignal` would never abort (or throw deep inside a stream): refused first. */
function checkSignal(signal: unknown): AbortSignal | undefined {
  if (signal === undefined || isAbortSignal(signal)) return signal
  const got = signal === null ? 'null' : Array.isArray(signal) ? 'an array' : typeof signal
  throw new InvalidRequestError(`signal must be an AbortSignal, got ${got}`, {
    issues: [{ path: 'signal', message: `Expected an AbortSignal but received ${got}` }],
  })
}

/** `value` checked against `least`; a timer's 0 is `Infinity`, and it must fit in a runtime's timer. */
function checkNumber(name: string, value: number, least: number, timer: boolean): number {
  if (typeof value !== 'number' || !(value >= least)) {
    const unit = timer ? ' ms (0 or Infinity for no limit)' : least === 1 ? ' (Infinity for no limit)' : ''
    throw new RangeError(`${name} must be a number ≥ ${least}${unit}, got ${String(value)}`)
  }
  if (!timer) return value
  if (value === 0) return Number.POSITIVE_INFINITY
  if (value > MAX_TIMER_MS && value !== Number.POSITIVE_INFINITY) {
    throw new RangeError(
      `${name} must be at most ${MAX_TIMER_MS} ms (about 24.8 days, the longest timer runtimes keep), ` +
        `got ${String(value)}; use 0 or Infinity for no limit`,
    )
  }
  return value
}
