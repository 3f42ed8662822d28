import type { Exchange } from './exchange.js'
import { formatFault } from './faults/spec.js'
import { defineBody, keepBodyText } from './recorded-body.js'
import { redactHeaders } from './redact-headers.js'
import { redactQuery } from './redact-query.js'
import { RECORDED_BODY_BYTES, RECORDED_REQUESTS, type RequestRecord } from './request-record.js'

/** The last requests served, oldest first, each brought up to date when read. */
export function createRequestLog(print: ((line: string) => void) | undefined) {
  const records: RequestRecord[] = []
  // Only open requests keep their exchange: a finished record holds data, not sockets.
  const open = new Map<RequestRecord, Exchange>()
  const waiting = new Set<() => void>()
  const current = (): RequestRecord[] => {
    for (const [record, exchange] of open) update(record, exchange)
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
      const record: RequestRecord = defineBody({ ...recordOf(exchange), finished: false })
      update(record, exchange)
      records.push(record)
      open.set(record, exchange)
      if (records.length > RECORDED_REQUESTS) records.shift()
      return {
        finish() {
          if (record.finished) return
          update(record, exchange)
          record.finished = true
          open.delete(record)
          print?.(formatRecord(record))
          for (const settle of waiting) settle()
        },
      }
    },
    /** Resolves once no request is open (of `scope`, when given). */
    settled(scope?: string): Promise<void> {
      const openOf = (): boolean =>
        scope === undefined ? open.size > 0 : [...open.keys()].some((record) => record.scope === scope)
      return new Promise((resolve) => {
        const settle = (): void => {
          if (openOf()) return
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

function recordOf(exchange: Exchange): Omit<RequestRecord, 'finished' | 'body'> {
  return {
    requestId: exchange.requestId,
    method: exchange.request.method ?? 'GET',
    path: exchange.url.pathname,
    query: redactQuery(exchange.url.searchParams, exchange.request.headers),
    dialect: exchange.dialect.name,
    headers: redactHeaders(exchange.request.headers),
    scope: exchange.scope,
    ...progressOf(exchange),
  }
}

/** Brings a record up to date with what changed while its request is served. */
function update(record: RequestRecord, exchange: Exchange): void {
  if (exchange.bodyBytes <= RECORDED_BODY_BYTES) keepBodyText(record, exchange.bodyText)
  Object.assign(record, progressOf(exchange))
}

function progressOf(exchange: Exchange) {
  const { response } = exchange
  return {
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
