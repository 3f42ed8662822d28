import { type FaultName, faultNameOf, isFaultName } from './catalog.js'

/** What a fault parameter takes: words for an error message, and the check of a value. */
export interface FaultParameter {
  takes: string
  accepts(value: string): boolean
}

const number: FaultParameter = {
  takes: 'a number ≥ 0',
  accepts: (value) => value !== '' && Number.isFinite(Number(value)) && Number(value) >= 0,
}
const whole: FaultParameter = { takes: 'a whole number ≥ 0', accepts: (value) => /^\d+$/u.test(value) }
const status: FaultParameter = {
  takes: 'an HTTP status from 400 to 599',
  accepts: (value) => /^[45]\d\d$/u.test(value),
}
const text: FaultParameter = { takes: 'any text', accepts: () => true }
const wrapped: FaultParameter = {
  takes: 'the name of a fault other than fail_then_succeed',
  accepts: (value) => isFaultName(faultNameOf(value)) && faultNameOf(value) !== 'fail_then_succeed',
}

function oneOf(...values: readonly string[]): FaultParameter {
  return { takes: values.join(' | '), accepts: (value) => values.includes(value) }
}

/** The headers a `rate_limit` can send; `header=` takes one, a comma-separated list, `all` or `none`. */
export const RETRY_HEADER_NAMES = ['retry-after', 'retry-after-ms', 'x-ms-retry-after-ms'] as const

const retryHeaders: FaultParameter = {
  takes: `all | none | ${RETRY_HEADER_NAMES.join(' | ')}, or a comma-separated list of them`,
  accepts: (value) =>
    value === 'all' ||
    value === 'none' ||
    value.split(',').every((name) => (RETRY_HEADER_NAMES as readonly string[]).includes(name.trim())),
}

/** The content-filter categories the emulator can flag. */
export const FILTER_CATEGORIES = ['hate', 'sexual', 'violence', 'self_harm', 'jailbreak'] as const

const CATEGORY = oneOf(...FILTER_CATEGORIES)

/** What every fault takes besides its own parameters. */
export const EVERY_FAULT_PARAMETERS = {
  /** Sent as the `x-should-retry` reply header. */
  should_retry: oneOf('true', 'false'),
} as const satisfies Record<string, FaultParameter>

/**
 * The parameters of each fault and what they take, checked wherever a fault enters (a header, a phrase, the
 * `faults` option, `--fault`), so that a typo is an error and not a silent default. `fail_then_succeed`
 * also takes the parameters of the fault it wraps (`with`).
 */
export const FAULT_PARAMETERS = {
  rate_limit: {
    retry_after_ms: number,
    retry_after: number,
    header: retryHeaders,
    message_hint: oneOf('true', 'false'),
  },
  server_error: { status },
  html_error: { status },
  unauthorized: {},
  not_found: {},
  content_filter_prompt: {
    category: CATEGORY,
    severity: oneOf('safe', 'low', 'medium', 'high'),
    variant: oneOf('innererror', 'inner_error'),
  },
  content_filter_completion: { after: whole, category: CATEGORY },
  reset: {},
  latency: { ms: number },
  slow: { ms: number },
  reset_mid_stream: { after: whole },
  stall: { after: whole, ms: number },
  malformed_json: { after: whole },
  cut: { after: whole },
  no_done: {},
  error_event: { after: whole, status },
  error_payload: { after: whole, status },
  fail_then_succeed: { with: wrapped, times: whole, key: text },
} as const satisfies Record<FaultName, Record<string, FaultParameter>>
