import type { RequestHeaders } from './faults/select.js'
import {
  credentialsOf,
  headerEntries,
  holdsCredential,
  isSecretName,
  REDACTED,
  SECRET_VALUE,
} from './redact-headers.js'

/**
 * The query of a request for its record (a repeated parameter: its first value), with the value of every
 * parameter named like a credential (`api-key`, `access_token`, `code`, `sig`…), looking like one, or holding
 * a credential the request carries (in a header or another parameter: `?pass=K` beside `Bearer K`) replaced
 * by {@link REDACTED}, as the headers are.
 */
export function redactQuery(parameters: URLSearchParams, headers: RequestHeaders): Record<string, string> {
  const credentials = [...credentialsOf(headerEntries(headers)), ...credentialsOf(parameters)]
  const query: Record<string, string> = {}
  for (const [name, value] of parameters) {
    const secret = isSecretName(name) || SECRET_VALUE.test(value) || holdsCredential(value, credentials)
    query[name] ??= secret ? REDACTED : value
  }
  return query
}
