import type { FilterCategory, Problem, RetryHeader } from '../problem.js'
import { FILTER_CATEGORIES, RETRY_HEADER_NAMES } from './parameters.js'
import { type FaultSpec, numberParam } from './spec.js'

/** The error reply a fault stands for, or `undefined` for faults that act on the connection or the stream. */
export function faultProblem(spec: FaultSpec, notFoundName: string): Problem | undefined {
  switch (spec.name) {
    case 'rate_limit': {
      const seconds = spec.params.retry_after
      const retryAfterMs =
        seconds === undefined
          ? numberParam(spec, 'retry_after_ms', 1000)
          : numberParam(spec, 'retry_after', 1) * 1000
      return {
        kind: 'rate_limit',
        retryAfterMs,
        headers: retryHeadersParam(spec.params.header),
        cause: 'quota',
      }
    }
    case 'server_error':
      return { kind: 'server_error', status: numberParam(spec, 'status', 500) }
    case 'html_error':
      return { kind: 'html_error', status: numberParam(spec, 'status', 502) }
    case 'unauthorized':
      return { kind: 'unauthorized', reason: 'invalid', maskedKey: 'sk-emu***ault' }
    case 'not_found':
      return { kind: 'deployment_not_found', deployment: notFoundName }
    case 'content_filter_prompt':
      return {
        kind: 'content_filter_prompt',
        category: categoryParam(spec, 'hate'),
        severity: spec.params.severity ?? 'high',
        variant: spec.params.variant === 'inner_error' ? 'inner_error' : 'innererror',
      }
    default:
      return undefined
  }
}

export function categoryParam(spec: FaultSpec, fallback: FilterCategory): FilterCategory {
  const value = spec.params.category
  return FILTER_CATEGORIES.find((category) => category === value) ?? fallback
}

function retryHeadersParam(value: string | undefined): readonly RetryHeader[] | undefined {
  if (value === undefined) return undefined
  if (value === 'all') return RETRY_HEADER_NAMES
  if (value === 'none') return []
  const names = value.split(',').map((name) => name.trim())
  return RETRY_HEADER_NAMES.filter((name) => names.includes(name))
}
