import type { ChatError } from './errors.js'
import type { ChatRequest } from './schema/request.js'

/** One HTTP attempt, as an endpoint builds it. */
export interface PreparedRequest {
  url: string
  headers: Record<string, string>
  /** The JSON body (serialised by the client). */
  body: Record<string, unknown>
}

/** What the client tells an endpoint about the attempt it prepares. */
export interface PrepareContext {
  stream: boolean
  signal: AbortSignal
}

/**
 * One service: turns a chat request into a URL, headers and a body, and a non-2xx reply into a typed error.
 * Adapters (`@chatwire/openai`, `@chatwire/azure`, `@chatwire/fetch`) each build one; the client does the rest.
 * Credentials live in the endpoint's closure, never on a property, so serialising it shows none.
 */
export interface ChatEndpoint {
  /** A short name for messages and logs (`openai`, `azure-openai`, …). */
  readonly name: string
  /** Builds the request of one attempt; called before every attempt, so a token provider can refresh. */
  prepare(request: ChatRequest, context: PrepareContext): PreparedRequest | Promise<PreparedRequest>
  /**
   * Maps a non-2xx reply to a typed error; the client falls back to `errorFromBody` (from
   * `@chatwire/core/error-body`). It may resolve later: an adapter can load its mapping with the first error.
   */
  toError?(status: number, body: unknown, headers: Headers): ChatError | Promise<ChatError>
  /** Values that must never appear in an error or log (keys, tokens): the client redacts them. */
  secrets?(): readonly string[]
}
