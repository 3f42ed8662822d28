import type { ChatError } from '../errors.js'
import type { Redactor } from './redaction.js'

/** What a known secret becomes (redaction.ts's mark), kept unescaped in a query as the redactor writes it. */
const REDACTED = '[redacted]'

/** What {@link ChatHooks.onRequest} gets: one attempt about to be sent, credentials redacted. */
export interface RequestEvent {
  /** 1 for the first attempt, 2 for the first retry, … */
  attempt: number
  method: string
  /** The URL, with credentials in its query redacted. */
  url: string
  /** The request's headers, with credentials (`authorization`, `api-key`, …) redacted. */
  headers: Headers
}

/** What {@link ChatHooks.onResponse} gets: the reply's status and headers (before its body is read). */
export interface ResponseEvent {
  attempt: number
  url: string
  status: number
  /** The reply's headers, with anything that looks like a credential redacted. */
  headers: Headers
}

/** What {@link ChatHooks.onRetry} gets: the failure of an attempt and the wait before the next one. */
export interface RetryEvent {
  /** The attempt that failed. */
  attempt: number
  /** ms until the next attempt. */
  delay: number
  /** The failure, redacted like every error the client throws. */
  error: ChatError
}

/**
 * Observability hooks of a client, for logs and metrics. Each gets a redacted copy, never a credential.
 * They run inline, so they should be quick. One that throws fails the call, not retried: with a
 * {@link ChatError} that names the hook and says its message, whose `cause` is a copy of what it threw of the
 * same class (`error.cause instanceof BudgetExceeded`), with its name, message, stack and `code` cleaned of
 * credentials like every error's; not the thrown object itself, which may hold anything.
 */
export interface ChatHooks {
  /** Before each attempt is sent (retries included). */
  onRequest?: ((event: RequestEvent) => void) | undefined
  /** When an attempt's reply arrives, 2xx or not, before its body is read. */
  onResponse?: ((event: ResponseEvent) => void) | undefined
  /** When a failed attempt is about to be retried. */
  onRetry?: ((event: RetryEvent) => void) | undefined
}

/**
 * A request or a reply as its hook gets it: the URL and the headers cleaned by the call's redactor. This module
 * loads with the first attempt of a client that has `onRequest` or `onResponse`: a bundle whose client has
 * none never holds it.
 */
export function exchangeEvent<E extends { url: string; headers: Headers }>(event: E, redact: Redactor): E {
  return { ...event, url: redactURL(event.url, redact), headers: redact.headers(event.headers) }
}

/**
 * The URL with its credentials replaced. Every query value that is one (by its name or length, as
 * `secretQueryValues` says, or a known secret) is among the call's secrets by the time a hook runs: the call
 * noted those of the URL it prepared, which is the URL a hook is given.
 */
function redactURL(url: string, redact: Redactor): string {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return redact.text(url)
  }
  const query = [...parsed.searchParams].map(([name, value]) => {
    // A name may be the credential itself (`?<key>`, a bare key), and a key's `=` padding splits it in two.
    const key = redact.text(name)
    const clean = redact.text(value)
    const pair = `${name}=${value}`
    if (key === name && clean === value && redact.text(pair) !== pair) return REDACTED
    return `${key === REDACTED ? key : encodeURIComponent(key)}=${clean === REDACTED ? clean : encodeURIComponent(clean)}`
  })
  return redact.text(`${parsed.origin}${parsed.pathname}`) + (query.length > 0 ? `?${query.join('&')}` : '')
}
