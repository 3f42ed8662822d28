import type { FaultName } from '../faults/catalog.js'
import { FAULT_HEADER, FAULT_KEY_HEADER } from '../faults/select.js'
import { type FaultSpec, formatFault, parseFault } from '../faults/spec.js'

/** A content-filter category the emulator can flag. */
export type FaultCategory = 'hate' | 'sexual' | 'violence' | 'self_harm' | 'jailbreak'

/** After how many frames (streams) or tokens (content filter) a mid-stream fault strikes. */
interface After {
  after?: number
}

/**
 * The parameters of every fault, as `x-emulator-fault: name;key=value` takes them (see the README's table).
 * A fault added to the catalog without an entry here is a compile error in {@link fault}.
 */
export interface FaultParameters {
  rate_limit: {
    retry_after_ms?: number
    retry_after?: number
    header?: 'retry-after' | 'retry-after-ms' | 'x-ms-retry-after-ms' | 'all' | 'none'
  }
  server_error: { status?: number }
  html_error: { status?: number }
  unauthorized: Record<string, never>
  not_found: Record<string, never>
  content_filter_prompt: {
    category?: FaultCategory
    severity?: 'safe' | 'low' | 'medium' | 'high'
    variant?: 'innererror' | 'inner_error'
  }
  content_filter_completion: After & { category?: FaultCategory }
  reset: Record<string, never>
  latency: { ms?: number }
  slow: { ms?: number }
  reset_mid_stream: After
  stall: After & { ms?: number }
  malformed_json: After
  cut: After
  no_done: Record<string, never>
  error_event: After & { status?: number }
  error_payload: After
  fail_then_succeed: {
    /** The fault of the failing requests (default `server_error`), with its own parameters. */
    with?: FaultSpec
    /** How many requests of the key fail (default 1). */
    times?: number
    /** Which requests count together; the `x-emulator-fault-key` header wins over it. */
    key?: string
  }
}

/**
 * A fault with typed parameters, for the `faults` option or {@link faultHeaders}.
 *
 * @example
 * fault('rate_limit', { retry_after_ms: 50 })
 * fault('fail_then_succeed', { with: fault('reset'), times: 2 })
 */
export function fault<Name extends FaultName>(name: Name, parameters?: FaultParameters[Name]): FaultSpec {
  const params: Record<string, string> = {}
  for (const [key, value] of Object.entries(parameters ?? {})) {
    if (value === undefined) continue
    if (key === 'with') {
      const inner = value as FaultSpec
      if (inner.name === 'fail_then_succeed') throw new TypeError('fail_then_succeed cannot wrap itself')
      params.with = inner.name
      Object.assign(params, inner.params)
    } else {
      params[key] = String(value)
    }
  }
  // Parsed back so that the spec is exactly what the server will see (a value with `;` would split it).
  const spec: FaultSpec = { name, params }
  const text = formatFault(spec)
  const parsed = parseFault(text)
  if (formatFault(parsed) !== text)
    throw new TypeError(`A fault parameter may not contain ';' or '=': ${text}`)
  return spec
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
