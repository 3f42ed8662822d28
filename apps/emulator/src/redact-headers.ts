import { isCredentialName } from '@chatwire/core/error-body'
import type { RequestHeaders } from './faults/select.js'

/** What a record shows in place of a credential. */
export const REDACTED = '[redacted]'

/** The emulator's own headers name keys (`x-emulator-fault-key`) but hold none. */
const OWN_HEADER = /^x-emulator-/u
/** Values that look like a credential wherever they are sent: a scheme and token, or a provider's key. */
export const SECRET_VALUE = /^(bearer|basic|token)\s|\b(sk|pk|rk|xox[abp])-[\w-]{6,}|\beyJ[\w-]{10,}\./iu

/**
 * The headers of a request for its record, with every credential replaced by {@link REDACTED}: by name
 * (`authorization`, `api-key`, anything named like a key, token or secret), by value (a bearer token, an
 * `sk-…` key, a JWT), and any header that holds the request's own credential.
 */
export function redactHeaders(headers: RequestHeaders): Record<string, string> {
  const entries = headerEntries(headers)
  const credentials = credentialsOf(entries)
  const redacted: Record<string, string> = {}
  for (const [name, value] of entries) {
    const secret = isSecretName(name) || SECRET_VALUE.test(value) || holdsCredential(value, credentials)
    redacted[name] = secret ? REDACTED : value
  }
  return redacted
}

/** A request's headers as name and value, a repeated one joined, a missing one left out. */
export function headerEntries(headers: RequestHeaders): (readonly [string, string])[] {
  return Object.entries(headers).flatMap(([name, value]) =>
    value === undefined ? [] : [[name, Array.isArray(value) ? value.join(', ') : value] as const],
  )
}

/**
 * The credentials among a request's headers or query parameters: the values of those `named` like one
 * ({@link isSecretName} unless told), their scheme (`Bearer`) dropped.
 */
export function credentialsOf(
  entries: Iterable<readonly [string, string]>,
  named: (name: string) => boolean = isSecretName,
): string[] {
  const credentials: string[] = []
  for (const [name, value] of entries) {
    const credential = value.replace(/^\w+\s+/u, '')
    if (named(name) && credential !== '') credentials.push(credential)
  }
  return credentials
}

/** Whether `value` is, or holds, one of `credentials`. */
export function holdsCredential(value: string, credentials: readonly string[]): boolean {
  // A short credential inside a longer value is likelier chance than a copy; as the whole value, it is one.
  return credentials.some((key) => value === key || (key.length >= 4 && value.includes(key)))
}

/**
 * A header or parameter named like a credential (`authorization`, `api-key`, `x-auth-token`, `cookie`, `code`,
 * `sig`…: the client's own list, so that the emulator's records hide what the client's errors and hooks do),
 * other than the emulator's own.
 */
export function isSecretName(name: string): boolean {
  return isCredentialName(name) && !OWN_HEADER.test(name)
}
