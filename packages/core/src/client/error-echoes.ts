// What a server may echo of a credential in other forms than the client sends it. Loaded with the first error
// reply (reply-error.ts): only the reading of an error body needs it.
import { isCredentialName } from './credential-name.js'
import type { Redactor } from './redaction.js'

/** A cookie value this long is a secret whatever its cookie's name (a session id under a name of its own). */
const MIN_COOKIE_SECRET = 16
/** A secret this long is matched with line breaks and zero-width characters between its characters too. */
const MIN_WRAPPED_MATCH = 16
// What a server may put between the characters of a key it echoes: a line break where it wraps a long line (as
// such or JSON-escaped), a zero-width space or joiner, a soft hyphen. Its forms begin with distinct characters,
// none a letter or digit: the match stays linear in the text.
const GAP = '(?:[\\s\\u00AD\\u200B-\\u200D\\u2060]|\\\\[nrt])*'

/**
 * The redactor of an error body: the call's `redact`, plus what a server may echo of its credentials other
 * than as sent: a `Basic` value's decoded `user:password` and its password, each credential-named or long value
 * of a cookie list alone,
 * and a secret of 16+ characters with line breaks or zero-width characters between its characters.
 */
export function echoRedactor(redact: Redactor): Redactor {
  return redact.widen(
    (secrets) => secrets.flatMap(echoesOf),
    (secret) => (secret.length >= MIN_WRAPPED_MATCH ? GAP : ''),
  )
}

/** A (trimmed) secret, and what a server may echo of it alone. */
function echoesOf(secret: string): string[] {
  const echoes = [secret]
  const basic = /^basic\s+(\S+)$/i.exec(secret)?.[1]
  if (basic !== undefined) {
    try {
      const pair = new TextDecoder().decode(Uint8Array.from(atob(basic), (char) => char.charCodeAt(0)))
      if (pair.includes(':')) echoes.push(pair, pair.slice(pair.indexOf(':') + 1))
    } catch {
      // Not base64: no pair to echo.
    }
  }
  // A cookie list (`sid=…; theme=dark`): the value of a cookie whose name says credential (`session`, `token`,
  // `auth`…), or one long enough to be one. `dark`, `en` or `1` alone would take ordinary words out of the
  // service's message.
  if (/^[^\s=;]+=/.test(secret)) {
    for (const [, name = '', value = ''] of secret.matchAll(/(?:^|;)\s*([^=;]*)=([^;]*)/g)) {
      const trimmed = value.trim()
      if (/[a-z0-9]/i.test(trimmed) && (isCredentialName(name) || trimmed.length >= MIN_COOKIE_SECRET))
        echoes.push(trimmed)
    }
  }
  return echoes
}
