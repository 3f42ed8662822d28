import type { DialectName } from './dialects/dialect.js'

/**
 * One request as the emulator saw it, for a test to assert on. Reading {@link Emulator.requests} gives each
 * record as it stands at that moment: `status`, `fault` and `streamed` as soon as they are known,
 * `finished` once the reply is written.
 */
export interface RequestRecord {
  /** The reply's `x-request-id` (Azure: also `apim-request-id`), the `requestId` of a `ChatResult` or `ChatError`. */
  requestId: string
  method: string
  /** The path, without the query. */
  path: string
  /**
   * The query's parameters, e.g. `{ 'api-version': '2024-10-21' }` (a repeated one: its first value); a
   * credential's value (`api-key`, `code`, `sig`, a name with key, token, secret…) is `'[redacted]'`.
   */
  query: Record<string, string>
  /** The dialect of the route: `openai`, `azure-openai` or `model-inference`. */
  dialect: DialectName
  /**
   * The request's headers, names lower-cased; a credential's value (`authorization`, `api-key`, a header
   * whose name or value looks secret) is `'[redacted]'`.
   */
  headers: Record<string, string>
  /**
   * The JSON body as the client sent it (before the emulator applied `extra-parameters`); `undefined` when
   * there was none, it was not a JSON object, or it was larger than {@link RECORDED_BODY_BYTES} (see
   * `bodyBytes`). The record keeps the body's text, so 64 KiB is what it holds, and parses it when `body` is
   * first read.
   */
  body: Readonly<Record<string, unknown>> | undefined
  /**
   * The body's size in bytes (0 before it is read, or without one); for one over `maxBodyBytes` (a 413), its
   * declared `content-length`, or without one the bytes read until it passed the limit.
   */
  bodyBytes: number
  /** The test scope of the request (the `x-emulator-scope` header a scope's connections send). */
  scope: string | undefined
  /** The status sent; 0 while no header was sent (and for a connection reset before any). */
  status: number
  /** The fault that acted on the reply, e.g. `'stall;after=2'`; for `fail_then_succeed`, its inner fault or none. */
  fault: string | undefined
  /** The fault the request asked for (header, phrase or the server's), e.g. `'fail_then_succeed;times=1'`. */
  requestedFault: string | undefined
  /** The key `fail_then_succeed` counted the request under. */
  faultKey: string | undefined
  streamed: boolean
  /** The reply is over: its last byte written, or the connection closed. */
  finished: boolean
}

/** Records kept: the newest, so a long-running emulator does not grow. */
export const RECORDED_REQUESTS = 1000
/** The largest body a record keeps (64 KiB); a larger one is recorded by its size alone. */
export const RECORDED_BODY_BYTES = 64 * 1024
