/** The retry-delay headers a 429 can carry; which ones a reply sends is the dialect's (or the fault's) choice. */
export type RetryHeader = 'retry-after' | 'retry-after-ms' | 'x-ms-retry-after-ms'

/** One content-filter verdict category, as Azure names them. */
export type FilterCategory = 'hate' | 'sexual' | 'violence' | 'self_harm' | 'jailbreak'

/**
 * Everything that can go wrong with a request, independent of the dialect. Each dialect renders a problem
 * into its own status, headers and body (`{error:{…}}`, Azure's wrapped error, Model Inference's flat 422).
 */
export type Problem =
  /** No part of the credential is kept: a reply or a log that echoed it would leak a key. */
  | { kind: 'unauthorized'; reason: 'missing' | 'invalid' }
  | { kind: 'invalid_json'; detail: string }
  | { kind: 'invalid_request'; message: string; issues: readonly { path: string; message: string }[] }
  | { kind: 'model_not_found'; model: string }
  | { kind: 'deployment_not_found'; deployment: string }
  | { kind: 'api_version_missing' }
  | { kind: 'api_version_unsupported'; version: string }
  | { kind: 'extra_parameters'; names: readonly string[] }
  | { kind: 'extra_parameters_mode'; value: string }
  | {
      kind: 'rate_limit'
      retryAfterMs: number
      headers?: readonly RetryHeader[] | undefined
      cause: 'quota' | 'concurrency'
      /** The message says the delay too ("try again in 1s"), as the services do; default true. */
      hintInMessage?: boolean | undefined
    }
  | { kind: 'server_error'; status: number }
  | { kind: 'html_error'; status: number }
  | {
      kind: 'content_filter_prompt'
      category: FilterCategory
      severity: string
      variant: 'innererror' | 'inner_error'
    }
  | { kind: 'body_too_large'; limit: number }
  | { kind: 'route_not_found'; method: string; path: string }
  | { kind: 'method_not_allowed'; allowed: readonly string[] }

/** A problem rendered for the wire. */
export interface ProblemReply {
  status: number
  headers: Record<string, string>
  body: string
}

export function jsonReply(status: number, body: unknown, headers: Record<string, string> = {}): ProblemReply {
  return { status, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) }
}

const REASONS: Record<number, string> = {
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
}

/** The page a reverse proxy sends when the service behind it fails: HTML where a client expects JSON. */
export function htmlErrorPage(status: number): ProblemReply {
  const title = `${status} ${REASONS[status] ?? 'Error'}`
  const body = `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`
  return { status, headers: { 'content-type': 'text/html' }, body }
}

/** The retry headers for a delay: `retry-after` in whole seconds (rounded up), the others in milliseconds. */
export function retryHeaders(retryAfterMs: number, which: readonly RetryHeader[]): Record<string, string> {
  const headers: Record<string, string> = {}
  for (const name of which) {
    headers[name] =
      name === 'retry-after' ? String(Math.ceil(retryAfterMs / 1000)) : String(Math.round(retryAfterMs))
  }
  return headers
}

export function statusReason(status: number): string {
  return REASONS[status] ?? 'Error'
}

/** Azure's per-category verdicts, all safe except `filtered` (filtered at `severity`). */
export function filterResults(
  filtered: FilterCategory | undefined,
  severity = 'high',
  withJailbreak = false,
): Record<string, unknown> {
  const results: Record<string, unknown> = {}
  for (const category of ['hate', 'self_harm', 'sexual', 'violence'] as const) {
    results[category] =
      category === filtered ? { filtered: true, severity } : { filtered: false, severity: 'safe' }
  }
  if (withJailbreak || filtered === 'jailbreak') {
    results.jailbreak = { filtered: filtered === 'jailbreak', detected: filtered === 'jailbreak' }
  }
  return results
}
