import type { ChatError } from '../errors.js'
import { redactSecrets } from '../redact.js'

const REDACTED = '[redacted]'
/** How deep a `cause` chain is copied; deeper links are dropped. */
const MAX_CAUSE_DEPTH = 4

/** Cleans texts and errors of credentials before they leave the client. */
export interface Redactor {
  text(text: string): string
  /** Cleans `message`, `stack` and `cause` of the error in place and returns it. */
  error<E extends ChatError>(error: E): E
}

/**
 * A redactor that removes what {@link redactSecrets} recognises plus every exact value `secrets()` returns
 * (the endpoint's key or token, a credential passed in `headers`). `secrets` is asked at each use, so a
 * refreshed token is covered too.
 */
export function createRedactor(secrets: () => readonly string[]): Redactor {
  function text(input: string): string {
    let output = input
    // Longest first, so that a key is not half-replaced by a shorter secret it contains.
    const known = [...secrets()].filter((secret) => secret !== '').sort((a, b) => b.length - a.length)
    for (const secret of known) output = output.split(secret).join(REDACTED)
    return redactSecrets(output)
  }

  function error<E extends ChatError>(target: E): E {
    target.message = text(target.message)
    if (typeof target.stack === 'string') target.stack = text(target.stack)
    if (Object.hasOwn(target, 'cause')) {
      Object.defineProperty(target, 'cause', {
        value: copyCause(target.cause, text, 0),
        writable: true,
        configurable: true,
        enumerable: false,
      })
    }
    return target
  }

  return { text, error }
}

/**
 * A copy of a `cause` that keeps what helps a person find the fault (name, message, `code`, `errno`,
 * `syscall`, its own cause) and nothing else: an engine's error may hold the request, its headers, a socket.
 */
function copyCause(cause: unknown, clean: (text: string) => string, depth: number): unknown {
  if (typeof cause === 'string') return clean(cause)
  if (!(cause instanceof Error) || depth >= MAX_CAUSE_DEPTH) return undefined
  const copy = new Error(clean(cause.message))
  copy.name = cause.name
  copy.stack = clean(typeof cause.stack === 'string' ? cause.stack : `${copy.name}: ${copy.message}`)
  const { code, errno, syscall } = cause as { code?: unknown; errno?: unknown; syscall?: unknown }
  if (typeof code === 'string' || typeof code === 'number') Object.assign(copy, { code })
  if (typeof errno === 'number') Object.assign(copy, { errno })
  if (typeof syscall === 'string') Object.assign(copy, { syscall })
  if (cause.cause !== undefined) {
    const inner = copyCause(cause.cause, clean, depth + 1)
    if (inner !== undefined)
      Object.defineProperty(copy, 'cause', { value: inner, writable: true, configurable: true })
  }
  return copy
}
