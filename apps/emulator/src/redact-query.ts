import { holdsCredential, isSecretName, REDACTED, SECRET_VALUE } from './redact-headers.js'

/**
 * The query of a request for its record (a repeated parameter: its first value), with the value of every
 * parameter named like a credential (`api-key`, `access_token`, `code`, `sig`…), looking like one, or holding one
 * of the request's `credentials` (those of its headers, under any name) replaced by {@link REDACTED}, as the
 * headers are.
 */
export function redactQuery(
  parameters: URLSearchParams,
  credentials: readonly string[],
): Record<string, string> {
  const query: Record<string, string> = {}
  for (const [name, value] of parameters) {
    const secret = isSecretName(name) || SECRET_VALUE.test(value) || holdsCredential(value, credentials)
    query[name] ??= secret ? REDACTED : value
  }
  return query
}
