import type { DialectName } from './dialects/dialect.js'
import type { Exchange } from './exchange.js'
import { formatFault } from './faults/spec.js'

/** One request as the emulator saw it; the newest records are kept for tests to inspect. */
export interface RequestRecord {
  method: string
  path: string
  dialect: DialectName
  /** The status sent, or 0 while no header was sent (or when the connection was reset before any). */
  status: number
  fault: string | undefined
  streamed: boolean
}

const MAX_RECORDS = 1000

/** The last requests served, oldest first, bounded so a long-running emulator does not grow. */
export function createRequestLog(print: ((line: string) => void) | undefined) {
  const records: RequestRecord[] = []
  return {
    records: records as readonly RequestRecord[],
    /**
     * Records a request as it arrives, so that a test counting requests right after its client gave up (a
     * timeout, an abort) sees it; `finish` fills in what the reply came to once the connection closes.
     */
    open(exchange: Exchange): { finish(): void } {
      const record = recordOf(exchange)
      records.push(record)
      if (records.length > MAX_RECORDS) records.shift()
      return {
        finish() {
          Object.assign(record, recordOf(exchange))
          print?.(formatRecord(record, exchange.requestId))
        },
      }
    },
    clear(): void {
      records.length = 0
    },
  }
}

function recordOf(exchange: Exchange): RequestRecord {
  const { request, response } = exchange
  return {
    method: request.method ?? 'GET',
    path: exchange.url.pathname,
    dialect: exchange.dialect.name,
    status: response.headersSent ? response.statusCode : 0,
    fault: exchange.fault === undefined ? undefined : formatFault(exchange.fault),
    streamed: exchange.streamed,
  }
}

function formatRecord(record: RequestRecord, requestId: string): string {
  const fault = record.fault === undefined ? '' : ` fault=${record.fault}`
  const stream = record.streamed ? ' stream' : ''
  return `${record.status || 'reset'} ${record.method} ${record.path} [${record.dialect}]${stream}${fault} ${requestId}`
}
