/** The `fetch` the client calls: the global one, or any function with its signature (a proxy, a test double). */
export type FetchFunction = (url: string, init: RequestInit) => Promise<Response>

/** Options of one call; each overrides the client's option of the same name (`headers` are merged). */
export interface ChatCallOptions {
  /** Extra request headers, merged over the endpoint's (and, for a call, over the client's). CR or LF is refused. */
  headers?: Record<string, string> | undefined
  /** Aborts the call. A client's signal and a call's signal both apply: either one aborts. */
  signal?: AbortSignal | undefined
  /** ms to wait for the reply's headers, per attempt; `TimeoutError` after. Default 10 minutes; 0 or Infinity: no limit. */
  timeout?: number | undefined
  /** ms a reply body may stay silent (between chunks of a stream); `TimeoutError` with the partial after. Default: no limit. */
  idleTimeout?: number | undefined
  /** Retries after the first attempt, for failures before the reply began (see `retryDelay`). Default 2. */
  maxRetries?: number | undefined
  /** The longest wait before a retry, in ms; a service asking for longer is not retried. Default 8000. */
  maxRetryDelay?: number | undefined
  /** Check the request with `validateRequest` before anything is sent. Default true. */
  validate?: boolean | undefined
  /**
   * The longest line and the longest event data a stream may send, in UTF-16 code units (never more than its
   * bytes); beyond it the stream fails with a `StreamLimitError` keeping the partial. Default 64 Mi.
   */
  maxEventLength?: number | undefined
}

/** Options of {@link createChatClient}: the defaults of every call, plus the `fetch` to use. */
export interface ChatClientOptions extends ChatCallOptions {
  /** The `fetch` to call; `globalThis.fetch`, looked up at each call, by default. */
  fetch?: FetchFunction | undefined
}

/** Every option of one call, defaults applied. */
export interface ResolvedCallOptions {
  fetch: FetchFunction | undefined
  headers: Record<string, string>
  signals: AbortSignal[]
  /** `Infinity` when there is no limit. */
  timeout: number
  /** `Infinity` when there is no limit. */
  idleTimeout: number
  maxRetries: number
  maxRetryDelay: number
  validate: boolean
  /** Checked by the SSE decoder when the stream is read; `undefined` for its default. */
  maxEventLength: number | undefined
}

/** The defaults of {@link ChatCallOptions}. */
export const DEFAULT_TIMEOUT = 10 * 60_000
export const DEFAULT_MAX_RETRIES = 2
export const DEFAULT_MAX_RETRY_DELAY = 8000

/** Applies the call's options over the client's, then the defaults. */
export function resolveCallOptions(
  client: ChatClientOptions,
  call: ChatCallOptions = {},
): ResolvedCallOptions {
  const signals = [client.signal, call.signal].filter((signal): signal is AbortSignal => signal !== undefined)
  return {
    fetch: client.fetch,
    headers: { ...client.headers, ...call.headers },
    signals,
    timeout: limit(call.timeout ?? client.timeout ?? DEFAULT_TIMEOUT, 'timeout'),
    idleTimeout: limit(call.idleTimeout ?? client.idleTimeout ?? Number.POSITIVE_INFINITY, 'idleTimeout'),
    maxRetries: count(call.maxRetries ?? client.maxRetries ?? DEFAULT_MAX_RETRIES, 'maxRetries'),
    maxRetryDelay: count(
      call.maxRetryDelay ?? client.maxRetryDelay ?? DEFAULT_MAX_RETRY_DELAY,
      'maxRetryDelay',
    ),
    validate: call.validate ?? client.validate ?? true,
    maxEventLength: positive(call.maxEventLength ?? client.maxEventLength, 'maxEventLength'),
  }
}

function limit(value: number, name: string): number {
  if (typeof value !== 'number' || Number.isNaN(value) || value < 0) {
    throw new RangeError(
      `${name} must be a number of ms ≥ 0 (0 or Infinity for no limit), got ${String(value)}`,
    )
  }
  return value === 0 ? Number.POSITIVE_INFINITY : value
}

function positive(value: number | undefined, name: string): number | undefined {
  if (value === undefined) return undefined
  if (typeof value !== 'number' || Number.isNaN(value) || value < 1) {
    throw new RangeError(`${name} must be a number ≥ 1 (Infinity for no limit), got ${String(value)}`)
  }
  return value
}

function count(value: number, name: string): number {
  if (typeof value !== 'number' || Number.isNaN(value) || value < 0) {
    throw new RangeError(`${name} must be a number ≥ 0, got ${String(value)}`)
  }
  return value
}
