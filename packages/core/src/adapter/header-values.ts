import { redactSecrets } from '../redact.js'

// RFC 9110 §5.1: a field name is a token.
const FIELD_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/
// A CR or LF would split the header into two (request smuggling); fetch rejects NUL too.
const FORBIDDEN_IN_VALUE = /[\r\n\0]/
/**
 * Checks one header before anything is sent, and lower-cases its name. The error names the header and never
 * shows its value: fetch's own error would quote it, and it may be a key.
 */
function checkHeader(origin: string, name: string, value: unknown): [string, string] {
  if (!FIELD_NAME.test(name)) {
    throw new TypeError(`${origin}: ${JSON.stringify(redactSecrets(name))} is not a valid header name`)
  }
  return [name.toLowerCase(), checkHeaderValue(origin, `the value of header '${name}'`, value)]
}

/**
 * Checks a value that will travel in a header (a key, a token, an id), under a label such as `apiKey`:
 * a string without CR, LF or NUL. The message never shows the value.
 */
export function checkHeaderValue(origin: string, label: string, value: unknown): string {
  if (typeof value !== 'string')
    throw new TypeError(`${origin}: ${label} must be a string, got ${typeof value}`)
  if (FORBIDDEN_IN_VALUE.test(value)) {
    throw new TypeError(
      `${origin}: ${label} contains a line break or NUL, which would split the request (the value is not shown)`,
    )
  }
  return value
}

/** Checks and lower-cases a whole set of headers; see {@link checkHeader}. */
export function normalizeHeaders(
  origin: string,
  headers: Record<string, unknown> | undefined,
): Record<string, string> {
  const checked: Record<string, string> = {}
  for (const [name, value] of Object.entries(headers ?? {})) {
    const [lower, text] = checkHeader(origin, name, value)
    checked[lower] = text
  }
  return checked
}
