import type { DialectName } from './dialects/dialect.js'
import type { Exchange } from './exchange.js'
import { formatFault } from './faults/spec.js'
import { redactHeaders } from './redact-headers.js'

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
  /** The query's parameters, e.g. `{ 'api-version': '2024-10-21' }` (a repeated one: its first value). */
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
   * there was none, it was not JSON, or it was larger than {@link RECORDED_BODY_BYTES} (see `bodyBytes`).
   */
  body: unknown
  /** The body's size in bytes (0 before it is read, or without one). */
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

/** The last requests served, oldest first, each brought up to date when read. */
export function createRequestLog(print: ((line: string) => void) | undefined) {
  const records: RequestRecord[] = []
  // Only open requests keep their exchange: a finished record holds data, not sockets.
  const open = new Map<RequestRecord, Exchange>()
  const waiting = new Set<() => void>()
  const current = (): RequestRecord[] => {
    for (const [record, exchange] of open) Object.assign(record, progressOf(exchange))
    return [...records]
  }
  return {
    records: current,
    /** The records of one scope. */
    recordsOf(scope: string): RequestRecord[] {
      return current().filter((record) => record.scope === scope)
    },
    /**
     * Records a request as it arrives, so that a test counting requests right after its client gave up (a
     * timeout, an abort) sees it; `finish` marks it over once the reply is written or the connection closes.
     */
    open(exchange: Exchange): { finish(): void } {
      const record: RequestRecord = { ...recordOf(exchange), finished: false }
      records.push(record)
      open.set(record, exchange)
      if (records.length > RECORDED_REQUESTS) records.shift()
      return {
        finish() {
          if (record.finished) return
          Object.assign(record, progressOf(exchange))
          record.finished = true
          open.delete(record)
          print?.(formatRecord(record))
          for (const settle of waiting) settle()
        },
      }
    },
    /** Resolves once no request is open. */
    settled(): Promise<void> {
      return new Promise((resolve) => {
        const settle = (): void => {
          if (open.size > 0) return
          waiting.delete(settle)
          resolve()
        }
        waiting.add(settle)
        settle()
      })
    },
    clear(scope?: string): void {
      const kept = records.filter((record) => scope !== undefined && record.scope !== scope)
      records.splice(0, records.length, ...kept)
    },
  }
}

function recordOf(exchange: Exchange): Omit<RequestRecord, 'finished'> {
  const query: Record<string, string> = {}
  for (const [name, value] of exchange.url.searchParams) query[name] ??= value
  return {
    requestId: exchange.requestId,
    method: exchange.request.method ?? 'GET',
    path: exchange.url.pathname,
    query,
    dialect: exchange.dialect.name,
    headers: redactHeaders(exchange.request.headers),
    scope: exchange.scope,
    ...progressOf(exchange),
  }
}

/** What changes while the request is served. */
function progressOf(exchange: Exchange) {
  const { response } = exchange
  return {
    body: exchange.bodyBytes <= RECORDED_BODY_BYTES ? exchange.body : undefined,
    bodyBytes: exchange.bodyBytes,
    status: response.headersSent ? response.statusCode : 0,
    fault: exchange.fault === undefined ? undefined : formatFault(exchange.fault),
    requestedFault: exchange.requestedFault === undefined ? undefined : formatFault(exchange.requestedFault),
    faultKey: exchange.faultKey,
    streamed: exchange.streamed,
  }
}

function formatRecord(record: RequestRecord): string {
  const fault = record.fault === undefined ? '' : ` fault=${record.fault}`
  const stream = record.streamed ? ' stream' : ''
  return `${record.status || 'reset'} ${record.method} ${record.path} [${record.dialect}]${stream}${fault} ${record.requestId}`
}
