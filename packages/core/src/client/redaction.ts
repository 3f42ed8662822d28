import type { ChatError } from '../errors.js'
import { redactSecrets } from '../redact.js'
import { isCredentialName } from './credential-name.js'

const REDACTED = '[redacted]'
/** How deep a `cause` chain is copied; deeper links are dropped. */
const MAX_CAUSE_DEPTH = 4
/** A key cut by a message's truncation (`…`) is redacted from this many of its first characters on. */
const MIN_CUT_PREFIX = 4
/**
 * A secret shorter than this (a test key, `'k'`) is redacted only where it stands alone: taken out of every
 * word, it would make messages unreadable (every `k` gone) and, by the gaps, tell where it was anyway.
 */
const MIN_INNER_MATCH = 8

// Whitespace inside a secret (a spaced bearer value): a run of it, JSON-escaped, or a URL's `+` or `%20`.
const SPACE = '(?:[\\s+]|%20|\\\\[nrt])+'
// Ids the service gives for support: only known credentials are taken out of them, no pattern.
const ID_HEADER = /request-id|correlation|trace/i
// Headers that may hold a URL with a signed query (a SAS token, a `code=`).
const URL_HEADER = /^(?:location|content-location|link|refresh)$/i

/** Cleans texts and errors of credentials before they leave the client. */
export interface Redactor {
  /** Known credentials (in every form they travel or are echoed in), then what looks like one. */
  text(text: string): string
  /** Known credentials only: for a raw body, before it is parsed, folded or cut. */
  exact(text: string): string
  /** A copy of headers with credentials replaced, and URLs in them cut to their origin and path. */
  headers(headers: Headers): Headers
  /** Cleans every field of the error (message, stack, code, type, ids, issues, headers, cause) in place. */
  error<E extends ChatError>(error: E): E
  /**
   * A redactor that also knows `echoes(secrets)` and allows the pattern `gap(secret)` between the characters
   * of a secret: for an error body, where a server may echo a credential otherwise than it was sent
   * (error-echoes.ts, which a bundle loads with the first error reply).
   */
  widen(echoes: (secrets: string[]) => string[], gap: (secret: string) => string): Redactor
}

/**
 * A redactor that removes what {@link redactSecrets} recognises plus every exact value `secrets()` returns
 * (the endpoint's key or token, a credential passed in `headers` or in a URL's query). `secrets` is asked at
 * each use, so a refreshed token is covered too. Each secret is matched trimmed (what `fetch` sends), in any
 * case, in any mix of its characters as such, JSON-escaped (a body's echo) and percent-encoded (a URL as the
 * WHATWG serialiser writes it, `encodeURIComponent`, a form; hex in either case), with its whitespace in any
 * form, and cut short before a `…`. An error body is cleaned of more (error-echoes.ts).
 */
export function createRedactor(secrets: () => readonly string[]): Redactor {
  return redactorOf(secrets, () => '')
}

/** {@link createRedactor}, with `gap(secret)` (a pattern) allowed between the characters of a secret. */
function redactorOf(secrets: () => readonly string[], gap: (secret: string) => string): Redactor {
  function known(raw: readonly string[]): string[] {
    // Longest first, so that a key is not half-replaced by a shorter secret it contains.
    return [...new Set(raw.flatMap((secret) => (typeof secret === 'string' && secret.trim()) || []))].sort(
      (a, b) => b.length - a.length,
    )
  }

  // An error body is cleaned string by string (150,000 short strings in a 750 KB body): building each secret's
  // patterns again for each one took seconds.
  const compile = perList((raw): Compiled => {
    const forms = known(raw)
    return { patterns: forms.map((secret) => patternOf(secret, gap(secret))), cutForms: cutFormsOf(forms) }
  })

  function exact(input: string): string {
    const { patterns, cutForms } = compile(secrets())
    let output = input
    for (const pattern of patterns) output = output.replace(pattern, REDACTED)
    return output.includes('…') ? cutTails(output, cutForms) : output
  }

  function text(input: string): string {
    return redactSecrets(exact(input))
  }

  function headers(input: Headers): Headers {
    const clean = new Headers()
    input.forEach((value, name) => {
      if (isCredentialName(name)) clean.append(name, REDACTED)
      else if (URL_HEADER.test(name)) clean.append(name, withoutQuery(value, text))
      else clean.append(name, ID_HEADER.test(name) ? exact(value) : text(value))
    })
    return clean
  }

  function error<E extends ChatError>(target: E): E {
    const fields = target as unknown as Record<string, unknown>
    // `requestId` is an id for support: only known credentials are taken out of it.
    for (const name of ['message', 'stack', 'code', 'type', 'path', 'requestId']) {
      const value = fields[name]
      if (typeof value === 'string') fields[name] = name === 'requestId' ? exact(value) : text(value)
    }
    if (Array.isArray(fields.issues)) {
      fields.issues = (fields.issues as Record<string, unknown>[]).map((issue) => ({
        ...issue,
        path: clean(issue.path, text),
        message: clean(issue.message, text),
      }))
    }
    // Any realm's Headers, or a polyfill's: what has forEach is copied clean, so none is kept as it came.
    if (typeof (target.headers as Headers | undefined)?.forEach === 'function')
      fields.headers = headers(target.headers as Headers)
    if (Object.hasOwn(target, 'cause')) {
      Object.defineProperty(target, 'cause', { value: copyCause(target.cause, text, 0), enumerable: false })
    }
    return target
  }

  return {
    text,
    exact,
    headers,
    error,
    widen(echoes, wider) {
      const echoed = perList((raw) => echoes(known(raw)))
      return redactorOf(() => echoed(secrets()), wider)
    },
  }
}

/**
 * The pattern of a (trimmed) secret, in any case: each character as such, JSON-escaped (`\"`, `\\`, PHP's
 * `\/`) or percent-encoded (its UTF-8 bytes), so that every mix of them matches (a URL's `%27` for `'` where
 * `encodeURIComponent` keeps it, a `%2b` typed for `+`); {@link SPACE} for its whitespace, `gap` between its
 * other characters. A short one must stand alone: no letter or digit right before or after it, the last
 * character of an escape before it (`%3D`, `\n`) not counting as one. SPACE and a gap match no letter or digit:
 * each place of a text is tried a bounded number of ways, the match stays linear in its length.
 */
function patternOf(secret: string, gap: string): RegExp {
  const source = secret
    .split(/\s+/)
    .map((word) =>
      [...word].map((char) => (/\w/.test(char) ? char : `(?:\\\\?\\${char}|${percentOf(char)})`)).join(gap),
    )
    .join(SPACE)
  return new RegExp(
    secret.length < MIN_INNER_MATCH ? `(?<!(?<!%[0-9a-f]|\\\\)[a-z0-9])${source}(?![a-z0-9])` : source,
    'gi',
  )
}

/** A character percent-encoded: one byte for ASCII, its UTF-8 bytes otherwise (`ü` as `%C3%BC`). */
function percentOf(char: string): string {
  const code = char.charCodeAt(0)
  return code < 0x80 ? `%${code.toString(16).padStart(2, '0')}` : encodeURIComponent(char)
}

/** A string cleaned, anything else as it is. */
function clean(value: unknown, text: (text: string) => string): unknown {
  return typeof value === 'string' ? text(value) : value
}

/** What one redactor matches, built once per list of secrets. */
interface Compiled {
  /** One per secret (trimmed, deduplicated), longest first. */
  patterns: RegExp[]
  /** The forms a cut (`…`) may end inside: each secret as given, folded, JSON-escaped, percent-encoded. */
  cutForms: string[]
}

/**
 * `derive(list)`, worked out again only when `list` holds other strings than the last time: a redactor is asked
 * for its secrets at each use (a refreshed token is covered), which mostly returns the same ones.
 */
function perList<T>(derive: (list: readonly string[]) => T): (list: readonly string[]) => T {
  let last: readonly string[] | undefined
  let value: T | undefined
  return (list) => {
    if (last === undefined || !sameList(list, last)) {
      value = derive(list)
      last = list.slice()
    }
    return value as T
  }
}

/** Whether two lists hold the same strings in the same order (the same objects, mostly: quick). */
function sameList(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
  return true
}

function cutFormsOf(secrets: readonly string[]): string[] {
  return [
    ...new Set(
      secrets.flatMap((secret) => [
        secret,
        secret.replace(/\s+/g, ' '),
        JSON.stringify(secret).slice(1, -1),
        encodeURIComponent(secret),
      ]),
    ),
  ]
}

/**
 * Texts where a message was cut (`…`) right inside a known secret (one of `forms`): the cut start goes too.
 * Each cut is looked at once, back to the one before it, so that a body of many cuts costs time in its length,
 * not in its length times the secrets' lengths.
 */
function cutTails(text: string, forms: readonly string[]): string {
  let output = ''
  let from = 0
  for (let cut = text.indexOf('…'); cut !== -1; cut = text.indexOf('…', cut + 1)) {
    const length = longestCutPrefix(text, from, cut, forms)
    output += length === 0 ? text.slice(from, cut + 1) : `${text.slice(from, cut - length)}${REDACTED}…`
    from = cut + 1
  }
  return output + text.slice(from)
}

/** The longest start (at least MIN_CUT_PREFIX long) of one of `forms` that `text` ends with at `end`, after `from`. */
function longestCutPrefix(text: string, from: number, end: number, forms: readonly string[]): number {
  let longest = 0
  for (const form of forms) {
    for (
      let length = Math.min(form.length - 1, end - from);
      length >= Math.max(MIN_CUT_PREFIX, longest + 1);
      length--
    ) {
      // The last character first: for a random key, most lengths fail there at once.
      if (
        text.charCodeAt(end - 1) === form.charCodeAt(length - 1) &&
        text.startsWith(form.slice(0, length), end - length)
      ) {
        longest = length
        break
      }
    }
  }
  return longest
}

/** A URL in a header (a redirect's `Location`), cut to its origin and path: a signed query stays out. */
function withoutQuery(value: string, clean: (text: string) => string): string {
  try {
    const url = new URL(value, 'http://relative.invalid')
    return clean(url.origin === 'http://relative.invalid' ? url.pathname : `${url.origin}${url.pathname}`)
  } catch {
    return REDACTED
  }
}

/**
 * The values in a URL's query that may be credentials: those of parameters whose names say so (`key`,
 * `code`, `sig`, `token`, …), any long value (20+ characters), and a long name without a value (a bare key),
 * so that they are redacted like a key.
 */
export function secretQueryValues(url: string | URL): string[] {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return []
  }
  const found: string[] = []
  for (const [name, value] of parsed.searchParams) {
    if (value !== '' && (isCredentialName(name) || value.length >= 20)) found.push(value)
    // A bare key (`?<key>`): a long name with no value, or with only the key's own `=` padding after it.
    if (name.length >= 20 && /^=*$/.test(value)) {
      found.push(name)
      if (value !== '') found.push(`${name}=${value}`)
    }
  }
  return found
}

/**
 * A copy of a `cause` that keeps what helps a person find the fault (name, message, `code`, `errno`,
 * `syscall`, its own cause) and nothing else: an engine's error may hold the request, its headers, a socket.
 * It keeps the class too (`instanceof` works: a hook's own error, a token provider's), never the object.
 */
function copyCause(cause: unknown, clean: (text: string) => string, depth: number): unknown {
  if (typeof cause === 'string') return clean(cause)
  if (!(cause instanceof Error) || depth >= MAX_CAUSE_DEPTH) return undefined
  const copy = Object.create(Object.getPrototypeOf(cause)) as Error
  // Own fields, defined: a class's accessor (DOMException's `code`) cannot refuse them. A log shows the
  // enumerable ones, as it shows an engine's error's name and code.
  const keep = (name: string, value: unknown, enumerable = false) =>
    Object.defineProperty(copy, name, { value, writable: true, configurable: true, enumerable })
  keep('message', clean(String(cause.message)))
  keep('name', clean(String(cause.name)), true)
  keep('stack', clean(typeof cause.stack === 'string' ? cause.stack : `${copy.name}: ${copy.message}`))
  const fields = cause as unknown as Record<string, unknown>
  // A system error's code (`ECONNRESET`, or a number), errno and syscall: strings cleaned like the message.
  for (const name of ['code', 'errno', 'syscall']) {
    const value = fields[name]
    if (typeof value === 'number' || typeof value === 'string')
      keep(name, typeof value === 'string' ? clean(value) : value, true)
  }
  const inner = copyCause(cause.cause, clean, depth + 1)
  if (inner !== undefined) keep('cause', inner)
  return copy
}
