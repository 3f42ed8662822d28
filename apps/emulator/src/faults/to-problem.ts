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
        hintInMessage: spec.params.message_hint !== 'false',
      }
    }
    case 'server_error':
      return { kind: 'server_error', status: numberParam(spec, 'status', 500) }
    case 'html_error':
      return { kind: 'html_error', status: numberParam(spec, 'status', 502) }
    case 'unauthorized':
      return { kind: 'unauthorized', reason: 'invalid' }
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

/**
 * The problem a real service reports for `status`, for an error sent mid-stream (`error_event`,
 * `error_payload`): a rate limit for 429, a wrong key for 401 and 403, a server error for 5xx, an invalid
 * request for any other 4xx. Each dialect words and shapes it as it does a reply of that status.
 */
export function streamErrorProblem(status: number): Problem {
  if (status === 429) return { kind: 'rate_limit', retryAfterMs: 1000, cause: 'quota' }
  if (status === 401 || status === 403) return { kind: 'unauthorized', reason: 'invalid' }
  if (status >= 500) return { kind: 'server_error', status }
  return {
    kind: 'invalid_request',
    message: 'The request was refused while its reply was streaming (an emulator fault).',
    issues: [],
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
