import { redactSecrets } from '@chatwire/core'

// RFC 9110 §5.1: a field name is a token.
const FIELD_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/
// A CR or LF would split the header into two (request smuggling); fetch rejects NUL too.
const FORBIDDEN_IN_VALUE = /[\r\n\0]/
// Names whose values are credentials: they are reported to the client as secrets, so it redacts them.
const SENSITIVE_NAME = /authorization|api-?key|token|secret|password|cookie|signature|credential/i

/**
 * Checks one header before anything is sent, and lower-cases its name. The error names the header and never
 * shows its value: fetch's own error would quote it, and it may be a key.
 */
export function checkHeader(origin: string, name: string, value: unknown): [string, string] {
  if (!FIELD_NAME.test(name)) {
    throw new TypeError(`${origin}: ${JSON.stringify(redactSecrets(name))} is not a valid header name`)
  }
  return [name.toLowerCase(), checkValue(origin, `the value of header '${name}'`, value)]
}

/**
 * Checks a value that will travel in a header (a key, a token, an id), under a label such as `apiKey`:
 * a string without CR, LF or NUL. The message never shows the value.
 */
export function checkValue(origin: string, label: string, value: unknown): string {
  if (typeof value !== 'string') throw new TypeError(`${origin}: ${label} must be a string, got ${typeof value}`)
  if (FORBIDDEN_IN_VALUE.test(value)) {
    throw new TypeError(
      `${origin}: ${label} contains a line break or NUL, which would split the request (the value is not shown)`,
    )
  }
  return value
}

/** Checks and lower-cases a whole set of headers; see {@link checkHeader}. */
export function checkHeaders(origin: string, headers: Record<string, unknown> | undefined): Record<string, string> {
  const checked: Record<string, string> = {}
  for (const [name, value] of Object.entries(headers ?? {})) {
    const [lower, text] = checkHeader(origin, name, value)
    checked[lower] = text
  }
  return checked
}

/** The values of headers that carry credentials (`authorization`, `api-key`, `x-api-key`, `cookie`, …). */
export function sensitiveValues(headers: Record<string, string>): string[] {
  const values: string[] = []
  for (const [name, value] of Object.entries(headers)) {
    if (!SENSITIVE_NAME.test(name) || value === '') continue
    values.push(value)
    const bearer = /^\s*bearer\s+(\S+)/i.exec(value)?.[1]
    if (bearer !== undefined) values.push(bearer)
  }
  return values
}
