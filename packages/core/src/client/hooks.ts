import type { ChatError } from '../errors.js'
import type { Redactor } from './redaction.js'

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
 * They run inline, so they should be quick; one that throws fails the call with its error.
 */
export interface ChatHooks {
  /** Before each attempt is sent (retries included). */
  onRequest?: ((event: RequestEvent) => void) | undefined
  /** When an attempt's reply arrives, 2xx or not, before its body is read. */
  onResponse?: ((event: ResponseEvent) => void) | undefined
  /** When a failed attempt is about to be retried. */
  onRetry?: ((event: RetryEvent) => void) | undefined
}

/** The hooks of one call, redacting what they hand over; each does nothing when its hook is not set. */
export interface CallHooks {
  request(event: RequestEvent): void
  response(event: ResponseEvent): void
}

/** Binds the client's hooks to a call's redactor. */
export function bindHooks(hooks: ChatHooks, redact: Redactor): CallHooks {
  const { onRequest, onResponse } = hooks
  // A request and a response are handed over alike: URL and headers redacted.
  const exchange =
    <E extends { url: string; headers: Headers }>(hook: ((event: E) => void) | undefined) =>
    (event: E) =>
      hook?.({ ...event, url: redact.url(event.url), headers: redact.headers(event.headers) })
  return {
    request: exchange(onRequest),
    response: exchange(onResponse),
  }
}
