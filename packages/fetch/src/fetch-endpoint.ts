import type { ChatEndpoint, ChatRequest, PrepareContext, PreparedRequest } from '@chatwire/core'
import { checkHeaders, sensitiveValues } from './header-values.js'
import { requestBody } from './request-body.js'

const ORIGIN = 'fetch'

/** A value given as is, or computed per request (from the request and the attempt). */
export type PerRequest<T> = T | ((request: ChatRequest, context: PrepareContext) => T | Promise<T>)

/** Where a stream comes from: any URL that answers like `/v1/chat/completions`. */
export interface FetchEndpointOptions {
  /**
   * The URL: absolute, or a path such as `/api/chat` in a browser (resolved against the page). Or a function
   * of the request, to route by model.
   */
  url: PerRequest<string | URL>
  /** Headers of every attempt (a session token, a gateway key), or a function that computes them. */
  headers?: PerRequest<Record<string, string>> | undefined
  /**
   * The JSON body of an attempt; by default the request itself, with `stream: true` when streaming. Give a
   * function when your route takes its own shape (`{ conversationId, messages }`).
   */
  body?: ((request: ChatRequest, context: PrepareContext) => Record<string, unknown> | Promise<Record<string, unknown>>) | undefined
  /** A name for messages and logs; `fetch` unless set. */
  name?: string | undefined
  /** Maps a non-2xx reply to a typed error; core's `errorFromBody` (which reads every known shape) unless set. */
  toError?: ChatEndpoint['toError']
}

// Dynamic headers change per request (a refreshed session token); the last few stay redacted.
const REMEMBERED_SECRETS = 8

/**
 * A generic endpoint for `createChatClient`: your own backend route, a proxy or a gateway that streams the
 * same chunks as `/v1/chat/completions`. Header values that carry credentials (`authorization`, `api-key`,
 * `cookie`, …) are reported as secrets, so that the client redacts them from every error.
 */
export function createFetchEndpoint(options: FetchEndpointOptions): ChatEndpoint {
  const name = options.name ?? ORIGIN
  if (typeof options.url !== 'function') checkURL(name, options.url)
  const fixedHeaders = typeof options.headers === 'function' ? undefined : checkHeaders(name, options.headers)
  const remembered: string[] = fixedHeaders === undefined ? [] : sensitiveValues(fixedHeaders)
  const fixedCount = remembered.length

  const remember = (values: readonly string[]) => {
    for (const value of values) {
      if (remembered.includes(value)) continue
      remembered.push(value)
      if (remembered.length > fixedCount + REMEMBERED_SECRETS) remembered.splice(fixedCount, 1)
    }
  }

  return {
    name,
    async prepare(request, context): Promise<PreparedRequest> {
      const url = typeof options.url === 'function' ? checkURL(name, await options.url(request, context)) : options.url
      let headers = fixedHeaders
      if (headers === undefined && typeof options.headers === 'function') {
        headers = checkHeaders(name, await options.headers(request, context))
        remember(sensitiveValues(headers))
      }
      const body = options.body === undefined ? requestBody(request, context.stream) : await options.body(request, context)
      return {
        url: String(url),
        headers: {
          'content-type': 'application/json',
          accept: context.stream ? 'text/event-stream' : 'application/json',
          ...headers,
        },
        body,
      }
    },
    ...(options.toError === undefined ? {} : { toError: options.toError }),
    secrets: () => remembered,
  }
}

/** An absolute URL must be http(s) without credentials in it; a relative one is the browser's to resolve. */
function checkURL(origin: string, url: string | URL): string | URL {
  if (typeof url === 'string' && !/^[a-z][a-z\d+.-]*:/i.test(url)) {
    if (url === '') throw new TypeError(`${origin}: url is empty`)
    return url
  }
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    throw new TypeError(`${origin}: url is not a valid URL`)
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw new TypeError(`${origin}: url must be http or https, got ${parsed.protocol}`)
  }
  if (parsed.username !== '' || parsed.password !== '') {
    throw new TypeError(`${origin}: url must not hold a user name or password; pass credentials in headers`)
  }
  return url
}
