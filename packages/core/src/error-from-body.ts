import {
  AbortError,
  AuthenticationError,
  ChatError,
  type ChatErrorOptions,
  ConnectionError,
  ContentFilterError,
  IncompleteStreamError,
  InvalidRequestError,
  MalformedStreamError,
  NotFoundError,
  RateLimitError,
  type RequestIssue,
  ServerError,
  TimeoutError,
} from './errors.js'
import { type ErrorDetails, readErrorBody } from './read-error-body.js'
import { requestIdOf } from './request-id.js'
import { retryAfterMs, retryAfterMsFromMessage } from './retry-after.js'

const STATUS_TEXT: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  408: 'Request Timeout',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
}

/** How a relayed error is rebuilt: what each class keeps beside the message comes from the frame. */
type Relayed = new (
  message: string,
  options: ChatErrorOptions & {
    issues?: readonly RequestIssue[]
    results?: unknown
    retryAfterMs?: number | undefined
  },
) => ChatError

/**
 * Every chatwire error class a stream throws, by the name a relaying server writes (`toSSE()`): the far side
 * gets the same class back, also when no status tells it (a request that failed validation, a token provider
 * that failed, a reset, a timeout).
 */
const RELAYED: Readonly<Record<string, Relayed>> = {
  AbortError,
  AuthenticationError,
  ConnectionError,
  ContentFilterError,
  IncompleteStreamError,
  InvalidRequestError,
  MalformedStreamError,
  NotFoundError,
  RateLimitError,
  ServerError,
  // Its limit and size are the relaying side's business: the far side gets the class it extends.
  StreamLimitError: MalformedStreamError,
  TimeoutError,
}

/** What a body's `code` / `type` says when there is no status to go by (errors inside a stream). */
type Signal = 'content_filter' | 'rate_limit' | 'server' | 'none'

/**
 * Turns an error reply into the typed {@link ChatError} subclass: an HTTP error (`status` and its `headers`)
 * or an error sent inside a stream (`status` undefined; then the body's own `status`, `code` and `type`
 * decide). `body` is the parsed JSON or the raw text; every shape in {@link readErrorBody} is understood.
 * The message reads "401 Unauthorized: Incorrect API key provided: sk-[redacted]…": the status first when
 * there is one (unless the words already start with it, as a relayed chatwire error's do), then the
 * service's words, redacted; an HTML error page gives a short generic text instead.
 */
export function errorFromBody(status: number | undefined, body: unknown, headers?: Headers): ChatError {
  const details = readErrorBody(body)
  const effective = status ?? details.status
  const message = describe(effective, details)
  const options: ChatErrorOptions = {
    status: effective,
    headers,
    requestId: requestIdOf(headers) ?? details.requestId,
    code: details.code,
    type: details.type,
  }
  const relayed = status === undefined ? details.relayedAs : undefined
  // `hasOwn`: a name such as `constructor` must not reach Object's own members.
  if (relayed !== undefined && Object.hasOwn(RELAYED, relayed)) {
    return new (RELAYED[relayed] as Relayed)(message, {
      ...options,
      issues: details.issues,
      results: details.filterResults,
      retryAfterMs: retryDelayOf(headers, message),
    })
  }
  const kind = signal(details)
  const stream = effective === undefined
  if (effective === 401 || effective === 403) return new AuthenticationError(message, options)
  if (effective === 404) return new NotFoundError(message, options)
  if (kind === 'content_filter' && (effective === 400 || stream)) {
    return new ContentFilterError(message, { ...options, results: details.filterResults })
  }
  if (effective === 400 || effective === 422) {
    return new InvalidRequestError(message, { ...options, issues: details.issues })
  }
  if (effective === 429 || (stream && kind === 'rate_limit')) {
    return new RateLimitError(message, { ...options, retryAfterMs: retryDelayOf(headers, message) })
  }
  if (isServerStatus(effective) || (stream && kind === 'server')) return new ServerError(message, options)
  return new ChatError(message, options)
}

function retryDelayOf(headers: Headers | undefined, message: string): number | undefined {
  return retryAfterMs(headers) ?? retryAfterMsFromMessage(message)
}

function isServerStatus(status: number | undefined): boolean {
  return status !== undefined && status >= 500 && status <= 599
}

function signal(details: ErrorDetails): Signal {
  if (details.filtered) return 'content_filter'
  const words = `${details.code ?? ''} ${details.type ?? ''}`
  if (/rate.?limit|too.?many.?requests|\b429\b/i.test(words)) return 'rate_limit'
  if (/server.?error|internal|overloaded|unavailable|\b5\d\d\b/i.test(words)) return 'server'
  return 'none'
}

function describe(status: number | undefined, details: ErrorDetails): string {
  const said = details.message ?? fallback(status, details)
  if (status === undefined) return said
  const text = STATUS_TEXT[status]
  const prefix = `${text === undefined ? status : `${status} ${text}`}: `
  return said.startsWith(prefix) ? said : `${prefix}${said}`
}

function fallback(status: number | undefined, details: ErrorDetails): string {
  const code = details.code === undefined ? '' : ` (code ${details.code})`
  if (details.form === 'html')
    return 'the service answered with an HTML page, not an error body (a proxy or gateway?)'
  if (details.form === 'unparseable') return `the error body could not be read${code}`
  return status === undefined ? `the stream reported an error${code}` : `no details in the reply${code}`
}
