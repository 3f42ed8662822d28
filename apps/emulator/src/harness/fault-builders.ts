import type { FaultName } from '../faults/catalog.js'
import type { FILTER_CATEGORIES, RETRY_HEADER_NAMES } from '../faults/parameters.js'
import { FAULT_HEADER, FAULT_KEY_HEADER } from '../faults/select.js'
import { type FaultSpec, formatFault, parseFault } from '../faults/spec.js'

/** A content-filter category the emulator can flag. */
export type FaultCategory = (typeof FILTER_CATEGORIES)[number]

/** A retry header a `rate_limit` can send. */
export type RetryHeaderName = (typeof RETRY_HEADER_NAMES)[number]

/** After how many frames (streams) or tokens (content filter) a mid-stream fault strikes. */
interface After {
  /** A whole number ≥ 0. */
  after?: number | undefined
}

/** The parameters every fault takes besides its own. */
export interface EveryFaultParameters {
  /** Sent as the `x-should-retry` reply header, which overrides a client's own retry decision. */
  should_retry?: boolean | undefined
}

/** A fault that takes no parameters of its own. */
type NoOwnParameters = Record<never, never>

/**
 * Each fault's own parameters, as `x-emulator-fault: name;key=value` takes them (see the README's table).
 * A fault added to the catalog without an entry here is a compile error in {@link fault}.
 */
interface OwnFaultParameters {
  rate_limit: {
    /** Milliseconds, ≥ 0 (default 1000). */
    retry_after_ms?: number | undefined
    /** Seconds, ≥ 0; wins over `retry_after_ms`. */
    retry_after?: number | undefined
    /** Which retry headers to send: one, several, all or none (default: the dialect's own). */
    header?: RetryHeaderName | 'all' | 'none' | readonly RetryHeaderName[] | undefined
    /**
     * Whether the message says the delay ("try again in 1s"), as the services do (default true); with
     * `header: 'none'` and `false`, a client has no hint at all and backs off on its own.
     */
    message_hint?: boolean | undefined
  }
  server_error: {
    /** 400 to 599 (default 500). */
    status?: number | undefined
  }
  html_error: {
    /** 400 to 599 (default 502). */
    status?: number | undefined
  }
  unauthorized: NoOwnParameters
  not_found: NoOwnParameters
  content_filter_prompt: {
    category?: FaultCategory | undefined
    severity?: 'safe' | 'low' | 'medium' | 'high' | undefined
    variant?: 'innererror' | 'inner_error' | undefined
  }
  content_filter_completion: After & { category?: FaultCategory | undefined }
  reset: NoOwnParameters
  latency: {
    /** Milliseconds, ≥ 0 (default 1000). */
    ms?: number | undefined
  }
  slow: {
    /** Milliseconds between chunks, ≥ 0 (default 200). */
    ms?: number | undefined
  }
  reset_mid_stream: After
  stall: After & {
    /** Milliseconds of silence before the reset (default the server's `stallMs`). */
    ms?: number | undefined
  }
  malformed_json: After
  cut: After
  no_done: NoOwnParameters
  error_event: After & {
    /** 400 to 599 (default 500): the error body the dialect sends for that status, the status stated in it. */
    status?: number | undefined
  }
  error_payload: After & {
    /** 400 to 599 (default 500): the error body the dialect sends for that status, the status stated in it. */
    status?: number | undefined
  }
  fail_then_succeed: {
    /** The fault of the failing requests (default `server_error`), with its own parameters. */
    with?: FaultSpec | undefined
    /** How many requests of the key fail: a whole number ≥ 0 (default 1). */
    times?: number | undefined
    /** Which requests count together; the `x-emulator-fault-key` header wins over it. */
    key?: string | undefined
  }
}

/** The parameters of every fault: its own, and {@link EveryFaultParameters}. */
export type FaultParameters = {
  [Name in FaultName]: OwnFaultParameters[Name] & EveryFaultParameters
}

/**
 * A fault with typed parameters, for the `faults` option or {@link faultHeaders}.
 *
 * @example
 * fault('rate_limit', { retry_after_ms: 50 })
 * fault('server_error', { status: 503, should_retry: false })
 * fault('fail_then_succeed', { with: fault('reset'), times: 2 })
 *
 * Throws when a value is not one the fault takes (`after: -1`), as the server would refuse it.
 */
export function fault<Name extends FaultName>(name: Name, parameters?: FaultParameters[Name]): FaultSpec {
  const params: Record<string, string> = {}
  let withParams: Record<string, string> | undefined
  for (const [key, value] of Object.entries(parameters ?? {})) {
    if (value === undefined) continue
    if (key === 'with') {
      // The wrapped fault keeps its parameters apart: its should_retry is its own, not the wrapper's.
      const inner = value as FaultSpec
      params.with = inner.name
      withParams = { ...inner.params }
    } else {
      params[key] = String(value)
    }
  }
  const spec: FaultSpec = withParams === undefined ? { name, params } : { name, params, withParams }
  const text = formatFault(spec)
  const values = [...Object.values(params), ...Object.values(withParams ?? {})]
  if (values.some((value) => value.includes(';') || value.trim() !== value)) {
    throw new TypeError(`A fault parameter may not contain ';' nor start or end with a space: ${text}`)
  }
  // Parsed back, so that the spec is exactly what the server will see from the header, and so that a bad
  // value fails here, as the server would refuse it.
  return parseFault(text)
}

/**
 * The request headers that make the emulator inject `fault` into one request; `key` groups the requests a
 * `fail_then_succeed` counts.
 *
 * @example
 * await client.complete(request, { headers: faultHeaders(fault('server_error', { status: 503 })) })
 */
export function faultHeaders(spec: FaultSpec | FaultName, key?: string): Record<string, string> {
  const text = typeof spec === 'string' ? spec : formatFault(spec)
  return key === undefined ? { [FAULT_HEADER]: text } : { [FAULT_HEADER]: text, [FAULT_KEY_HEADER]: key }
}
