import type { ChatEndpoint, ChatRequest, PrepareContext, PreparedRequest } from '@chatwire/core'
import {
  type HeadersLike,
  headersRecord,
  normalizeHeaders,
  secretHeaderValues,
  secretQueryValues,
} from '@chatwire/core'

const ORIGIN = 'fetch'

/** A value given as is, or computed per attempt from the request. */
export type PerRequest<T> = T | ((request: ChatRequest, context: PrepareContext) => T | Promise<T>)

/** Where a stream comes from: any URL that answers like `/v1/chat/completions`. */
export interface FetchEndpointOptions {
  /**
   * The URL: absolute, or a path such as `/api/chat` in a browser (resolved against the page). Or a function
   * of the request, to route by model.
   */
  url: PerRequest<string | URL>
  /**
   * Headers of every attempt (a session token, a gateway key), or a function that computes them per attempt.
   * Values that carry credentials (`authorization`, `api-key`, `cookie`, …) are redacted from errors.
   */
  headers?: PerRequest<HeadersLike> | undefined
  /**
   * The JSON body of an attempt; by default the request itself (with `stream` set by the client). Give a
   * function when your route takes its own shape (`{ conversationId, messages }`).
   */
  body?:
    | ((
        request: ChatRequest,
        context: PrepareContext,
      ) => Record<string, unknown> | Promise<Record<string, unknown>>)
    | undefined
  /** A name for messages and logs; `fetch` unless set. */
  name?: string | undefined
  /** Maps a non-2xx reply to a typed error; core's `errorFromBody` (which reads every known shape) unless set; it may resolve later. */
  toError?: ChatEndpoint['toError']
}

/**
 * A generic endpoint for `createChatClient`: your own backend route, a proxy or a gateway that streams the
 * same chunks as `/v1/chat/completions`.
 */
export function createFetchEndpoint(options: FetchEndpointOptions): ChatEndpoint {
  const name = options.name ?? ORIGIN
  const { url, headers, body } = options
  // A path such as `/api/chat` is resolved when sent: the client may be created during server-side rendering,
  // where there is no page to resolve it against yet.
  if (typeof url !== 'function' && !isPath(url)) resolveURL(name, url)
  const fixedHeaders =
    typeof headers === 'function' ? undefined : normalizeHeaders(name, headersRecord(headers, 'headers'))
  // Computed headers are checked by the client, like every header it sends, and their credentials redacted
  // from the errors of the call they were computed for.
  const secrets = [
    ...(fixedHeaders === undefined ? [] : secretHeaderValues(fixedHeaders)),
    ...(typeof url === 'function' || isPath(url) ? [] : secretQueryValues(url)),
  ]

  return {
    name,
    async prepare(request, context): Promise<PreparedRequest> {
      const target = resolveURL(name, typeof url === 'function' ? await url(request, context) : url)
      let attemptHeaders = fixedHeaders
      if (typeof headers === 'function') {
        attemptHeaders = headersRecord(await headers(request, context), 'headers')
      }
      return {
        url: target,
        headers: { ...attemptHeaders },
        body: body === undefined ? { ...request } : await body(request, context),
      }
    },
    ...(options.toError === undefined ? {} : { toError: options.toError }),
    secrets: () => secrets,
  }
}

function isPath(url: string | URL): boolean {
  return typeof url === 'string' && !/^[a-z][a-z\d+.-]*:/i.test(url)
}

interface PageLocation {
  location?: { href?: unknown }
}

/**
 * The absolute URL to send to: an absolute URL must be http(s) without credentials in it; a path is resolved
 * against the page's location, and refused where there is no page (a server needs the whole URL).
 */
function resolveURL(origin: string, url: string | URL): string {
  const page = (globalThis as PageLocation).location?.href
  const base = typeof page === 'string' ? page : undefined
  let parsed: URL
  try {
    parsed = new URL(url, base)
  } catch {
    const hint =
      base === undefined && typeof url === 'string' && url.startsWith('/')
        ? ': outside a browser, give the whole URL'
        : ''
    throw new TypeError(`${origin}: url is not a valid absolute URL${hint}`)
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw new TypeError(`${origin}: url must be http or https, got ${parsed.protocol}`)
  }
  if (parsed.username !== '' || parsed.password !== '') {
    throw new TypeError(`${origin}: url must not hold a user name or password; pass credentials in headers`)
  }
  return parsed.href
}
