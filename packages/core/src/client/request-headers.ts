import { FORBIDDEN_IN_HEADER as FORBIDDEN } from '../adapter/header-values.js'
import { InvalidRequestError, type RequestIssue } from '../errors.js'
import { isCredentialName } from './credential-name.js'

// `fetch` would quietly strip a trailing CR/LF (a key read from a file with its newline): refused too.

/**
 * Checks header names and values before anything is sent, and throws an {@link InvalidRequestError} that names
 * the header but never quotes its value (it may be a key).
 */
export function checkHeaders(headers: Readonly<Record<string, string>>, where = 'headers'): void {
  const issues: RequestIssue[] = []
  for (const [name, value] of Object.entries(headers)) {
    if (FORBIDDEN.test(name)) {
      issues.push({ path: where, message: 'A header name contains CR, LF or NUL' })
    } else if (typeof value !== 'string') {
      issues.push({
        path: `${where}[${JSON.stringify(name)}]`,
        message: `Expected a string but received ${typeof value}`,
      })
    } else if (FORBIDDEN.test(value)) {
      issues.push({ path: `${where}[${JSON.stringify(name)}]`, message: 'The value contains CR, LF or NUL' })
    }
  }
  if (issues.length > 0) throw invalid(issues)
}

/**
 * Merges header layers, later ones winning (names compared case-insensitively), into the `Headers` of a
 * request, after {@link checkHeaders} on each layer. A name or value that `fetch` cannot send (a space in a
 * name, a character above U+00FF) is an {@link InvalidRequestError} as well, again without the value.
 */
export function mergeHeaders(
  layers: readonly (readonly [string, Readonly<Record<string, string>>])[],
): Headers {
  const merged = new Headers()
  for (const [where, layer] of layers) {
    checkHeaders(layer, where)
    for (const [name, value] of Object.entries(layer)) {
      try {
        merged.set(name, value)
      } catch {
        // The engine's message quotes the value: it is not kept.
        throw invalid([
          { path: `${where}[${JSON.stringify(name)}]`, message: 'Not a valid HTTP header name or value' },
        ])
      }
    }
  }
  return merged
}

/** Headers as a caller may give them: a record, a `Headers` (or anything with `forEach`), or `[name, value]` pairs. */
export type HeadersLike =
  | Record<string, string>
  | Headers
  | readonly (readonly [string, string])[]
  | { forEach(callback: (value: string, name: string) => void): void }

/**
 * The headers as a record, whatever form they were given in (a `Headers` is read, not dropped as an object
 * without own properties). A value of another form is an {@link InvalidRequestError} at `where`.
 */
export function headersRecord(headers: HeadersLike | undefined, where: string): Record<string, string> {
  if (headers === undefined || headers === null) return {}
  if (typeof headers !== 'object') {
    throw invalid([{ path: where, message: `Expected headers but received ${typeof headers}` }])
  }
  const record: Record<string, string> = {}
  if (Array.isArray(headers)) {
    for (const [index, pair] of headers.entries()) {
      if (!Array.isArray(pair) || pair.length !== 2 || typeof pair[0] !== 'string') {
        throw invalid([{ path: `${where}[${index}]`, message: 'Expected a [name, value] pair' }])
      }
      record[pair[0]] = pair[1]
    }
    return record
  }
  const { forEach } = headers as { forEach?: unknown }
  if (typeof forEach === 'function' && !Object.hasOwn(headers, 'forEach')) {
    ;(headers as Headers).forEach((value, name) => {
      record[name] = value
    })
    return record
  }
  return { ...(headers as Record<string, string>) }
}

function invalid(issues: RequestIssue[]): InvalidRequestError {
  const [first] = issues
  return new InvalidRequestError(`Invalid header: ${first?.path}: ${first?.message}`, { issues })
}

/**
 * The values of headers whose names say they hold a credential ({@link isCredentialName}: `authorization`,
 * `api-key`, `x-auth`, `x-session-id`, `cookie`, …), and the token of a `Bearer` value: redacted from errors
 * like the endpoint's own secrets, since a caller may pass a key through `headers` too. (What a server may echo
 * of them alone, a cookie's value or a `Basic` password, is derived when an error body is read.)
 */
export function secretHeaderValues(headers: Readonly<Record<string, string>>): string[] {
  const secrets: string[] = []
  for (const [name, value] of Object.entries(headers)) {
    if (!isCredentialName(name) || typeof value !== 'string' || value === '') continue
    secrets.push(value)
    // The credential after the scheme (`Bearer`, `Basic`, …), spaces inside it included.
    const token = /^\s*[\w-]+\s+(\S.*?)\s*$/.exec(value)?.[1]
    if (token !== undefined) secrets.push(token)
  }
  return secrets
}
