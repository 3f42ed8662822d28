import type { ChatCompletion } from './schema/response.js'

/** What every {@link ChatError} may carry besides its message. */
export interface ChatErrorOptions {
  /** HTTP status of the reply, when there was one. */
  status?: number | undefined
  /** Headers of the reply (never the request's: those hold credentials). */
  headers?: Headers | undefined
  /** The service's request id (`x-request-id`, `apim-request-id`, …). */
  requestId?: string | undefined
  /** The provider's error code (`rate_limit_exceeded`, `content_filter`, …). */
  code?: string | undefined
  /** The provider's error type (`invalid_request_error`, …). */
  type?: string | undefined
  /** What is known of the completion when the error struck. */
  partial?: ChatCompletion | undefined
  cause?: unknown
}

/**
 * The base of every error chatwire throws. It keeps what a caller needs to act (status, code, request id,
 * reply headers, the partial completion) and never a credential: the request's headers are not kept.
 */
export class ChatError extends Error {
  override name = 'ChatError'
  // Fields are `declare`d, not initialised: the constructors assign them all, and a bundle holds no field list.
  declare readonly status: number | undefined
  declare readonly headers: Headers | undefined
  declare readonly requestId: string | undefined
  declare readonly code: string | undefined
  declare readonly type: string | undefined
  declare readonly partial: ChatCompletion | undefined

  constructor(message: string, options: ChatErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause })
    this.status = options.status
    this.headers = options.headers
    this.requestId = options.requestId
    this.code = options.code
    this.type = options.type
    this.partial = options.partial
  }

  /** A plain summary for logs; headers and the partial completion are left out on purpose. */
  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      message: this.message,
      status: this.status,
      code: this.code,
      requestId: this.requestId,
    }
  }
}

/** 401 or 403: the key or token is missing, wrong, expired or lacks the permission. */
export class AuthenticationError extends ChatError {
  override name = 'AuthenticationError'
}

/** 404: unknown model, deployment or route. */
export class NotFoundError extends ChatError {
  override name = 'NotFoundError'
}

/** One reason a request is invalid, with the path of the field (`messages[2].role`). */
export interface RequestIssue {
  path: string
  message: string
}

/** 400 or 422, or a request that failed validation before anything was sent. */
export class InvalidRequestError extends ChatError {
  override name = 'InvalidRequestError'
  /** The path of the first offending field, when known (`temperature`, `messages[2].role`). */
  declare readonly path: string | undefined
  declare readonly issues: readonly RequestIssue[]

  constructor(message: string, options: ChatErrorOptions & { issues?: readonly RequestIssue[] } = {}) {
    super(message, options)
    this.issues = options.issues ?? []
    this.path = this.issues[0]?.path
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), path: this.path, issues: this.issues }
  }
}

/** 429: too many requests or tokens; `retryAfterMs` is the service's hint when it gave one. */
export class RateLimitError extends ChatError {
  override name = 'RateLimitError'
  declare readonly retryAfterMs: number | undefined

  constructor(message: string, options: ChatErrorOptions & { retryAfterMs?: number | undefined } = {}) {
    super(message, options)
    this.retryAfterMs = options.retryAfterMs
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), retryAfterMs: this.retryAfterMs }
  }
}

/** The prompt or the completion was blocked by a content filter; `results` holds the filter's verdicts. */
export class ContentFilterError extends ChatError {
  override name = 'ContentFilterError'
  declare readonly results: unknown

  constructor(message: string, options: ChatErrorOptions & { results?: unknown } = {}) {
    super(message, options)
    this.results = options.results
  }
}

/** 5xx: the service failed. */
export class ServerError extends ChatError {
  override name = 'ServerError'
}

/** The connection failed or was reset before a reply, or while reading it. */
export class ConnectionError extends ChatError {
  override name = 'ConnectionError'
}

/** No reply (or, for `complete()`, not all of it) within `timeout`, or no next piece within `idleTimeout`. */
export class TimeoutError extends ChatError {
  override name = 'TimeoutError'
  /** The option whose limit was reached; `undefined` for a timeout relayed from elsewhere. */
  declare readonly option: 'timeout' | 'idleTimeout' | undefined

  constructor(
    message: string,
    options: ChatErrorOptions & { option?: 'timeout' | 'idleTimeout' | undefined } = {},
  ) {
    super(message, options)
    this.option = options.option
  }
}

/** A reply body larger than the client reads (`maxResponseBytes`), counted after decompression. */
export class ResponseTooLargeError extends ChatError {
  override name = 'ResponseTooLargeError'
  /** The limit, in bytes, that the body went past. */
  declare readonly limit: number

  constructor(message: string, options: ChatErrorOptions & { limit: number }) {
    super(message, options)
    this.limit = options.limit
  }
}

/** The caller aborted; `reason` is the signal's reason. */
export class AbortError extends ChatError {
  override name = 'AbortError'
  declare readonly reason: unknown

  constructor(message: string, options: ChatErrorOptions & { reason?: unknown } = {}) {
    super(message, options)
    this.reason = options.reason
  }
}

/** The stream broke its format (bad JSON, a forged `[DONE]`); it never carries the offending payload. */
export class MalformedStreamError extends ChatError {
  override name = 'MalformedStreamError'
}

/**
 * A line or an event of the stream outgrew its limit (`maxLineLength` / `maxEventLength` of the SSE decoder,
 * `maxEventLength` of the client): a hostile or broken stream, stopped before it filled the memory.
 */
export class StreamLimitError extends MalformedStreamError {
  override name = 'StreamLimitError'
  /** Which limit: the length of one line, or of one event's data. */
  declare readonly limit: 'line' | 'event'
  /** The limit, in UTF-16 code units. */
  declare readonly max: number

  constructor(message: string, options: ChatErrorOptions & { limit: 'line' | 'event'; max: number }) {
    super(message, options)
    this.limit = options.limit
    this.max = options.max
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), limit: this.limit, max: this.max }
  }
}

/** The stream ended without `[DONE]` or without a finish reason; `partial` holds what arrived. */
export class IncompleteStreamError extends ChatError {
  override name = 'IncompleteStreamError'
}
