import { redactSecrets } from '../redact.js'

// RFC 9110 §5.1: a field name is a token.
const FIELD_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/
/** A CR or LF would split the header into two (request smuggling); fetch rejects NUL too. */
export const FORBIDDEN_IN_HEADER = /[\r\n\0]/

/**
 * Checks a value that will travel in a header (a key, a token, an id), under a label such as `apiKey`:
 * a string without CR, LF or NUL. The message never shows the value.
 */
export function checkHeaderValue(origin: string, label: string, value: unknown): string {
  if (typeof value !== 'string')
    throw new TypeError(`${origin}: ${label} must be a string, got ${typeof value}`)
  if (FORBIDDEN_IN_HEADER.test(value)) {
    throw new TypeError(`${origin}: ${label} contains a line break or NUL (the value is not shown)`)
  }
  return value
}

/**
 * Checks a set of headers before anything is sent, and lower-cases their names. An error names the header
 * and never shows its value: fetch's own error would quote it, and it may be a key.
 */
export function normalizeHeaders(
  origin: string,
  headers: Record<string, unknown> | undefined,
): Record<string, string> {
  const checked: Record<string, string> = {}
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (!FIELD_NAME.test(name)) {
      throw new TypeError(`${origin}: ${JSON.stringify(redactSecrets(name))} is not a valid header name`)
    }
    checked[name.toLowerCase()] = checkHeaderValue(origin, `the value of header '${name}'`, value)
  }
  return checked
}
