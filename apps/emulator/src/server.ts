import { randomUUID } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { addCorsHeaders, answerPreflight } from './cors.js'
import { azureOpenAI } from './dialects/azure-openai.js'
import type { Dialect, DialectName } from './dialects/dialect.js'
import { modelInference } from './dialects/model-inference.js'
import { openai } from './dialects/openai.js'
import { type Exchange, fail, type ServerState } from './exchange.js'
import { formatFault } from './faults/spec.js'
import { handleCatalog } from './handle-catalog.js'
import { handleChat } from './handle-chat.js'
import { type EmulatorOptions, resolveOptions } from './options.js'
import { matchRoute, type RouteMatch } from './routes.js'

const DIALECTS: Record<DialectName, Dialect> = {
  openai,
  'azure-openai': azureOpenAI,
  'model-inference': modelInference,
}

/** One request as the emulator saw it; the newest records are kept for tests to inspect. */
export interface RequestRecord {
  method: string
  path: string
  dialect: DialectName
  /** The status sent, or 0 when the connection was reset before any header. */
  status: number
  fault: string | undefined
  streamed: boolean
}

/** A running emulator. */
export interface Emulator {
  /** `http://host:port`, without a trailing slash. */
  url: string
  port: number
  /** The requests served so far, oldest first (the last 1000). */
  readonly requests: readonly RequestRecord[]
  /** Forgets the fail-then-succeed counters and the request records. */
  reset(): void
  /** Ends open streams, closes every connection and stops listening. */
  close(): Promise<void>
}

const MAX_RECORDS = 1000

/** Starts an emulator on loopback; `await startEmulator({ port: 0 })` in a test, `pnpm emulator` by hand. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const resolved = resolveOptions(options)
  const state: ServerState = { options: resolved, counters: new Map(), activeStreams: 0 }
  const open = new Set<AbortController>()
  const records: RequestRecord[] = []

  const server = createServer((request, response) => {
    const controller = new AbortController()
    open.add(controller)
    const url = new URL(request.url ?? '/', 'http://emulator.local')
    const match = matchRoute(request.method ?? 'GET', url)
    const exchange = begin(request, response, url, match, controller.signal)
    response.on('close', () => {
      controller.abort()
      open.delete(controller)
      const record = recordOf(exchange)
      records.push(record)
      if (records.length > MAX_RECORDS) records.shift()
      resolved.log?.(formatRecord(record, exchange.requestId))
    })
    serve(exchange, match).catch((error: unknown) => {
      // A bug in the emulator must not take the server down; the client sees a 500 or a reset.
      resolved.log?.(`internal error: ${error instanceof Error ? error.stack : String(error)}`)
      if (!response.headersSent) fail(exchange, { kind: 'server_error', status: 500 })
      else response.destroy()
    })
  })
  server.on('clientError', (_error, socket) => socket.destroy())

  function begin(
    request: IncomingMessage,
    response: ServerResponse,
    url: URL,
    match: RouteMatch,
    signal: AbortSignal,
  ): Exchange {
    request.on('error', () => {})
    response.on('error', () => {})
    const requestId = randomUUID()
    const dialect = DIALECTS['route' in match ? match.route.dialect : match.dialect]
    const apiVersion = 'route' in match && 'apiVersion' in match.route ? match.route.apiVersion : undefined
    for (const [name, value] of Object.entries(dialect.requestIdHeaders(requestId))) response.setHeader(name, value)
    if (resolved.cors) addCorsHeaders(request, response)
    return {
      request,
      response,
      url,
      requestId,
      signal,
      dialect,
      problemContext: { apiVersion: apiVersion ?? url.searchParams.get('api-version') ?? undefined },
      fault: undefined,
      streamed: false,
    }
  }

  async function serve(exchange: Exchange, match: RouteMatch): Promise<void> {
    const { request, response } = exchange
    if (request.method === 'OPTIONS' && resolved.cors) return answerPreflight(request, response)
    if ('problem' in match) return fail(exchange, match.problem)
    if (match.route.kind === 'chat') return handleChat(exchange, match.route, state)
    return handleCatalog(exchange, match.route, state)
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(resolved.port, resolved.host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  const { port } = server.address() as AddressInfo
  const host = resolved.host.includes(':') ? `[${resolved.host}]` : resolved.host

  return {
    url: `http://${host}:${port}`,
    port,
    get requests() {
      return records
    },
    reset() {
      state.counters.clear()
      records.length = 0
    },
    close() {
      return new Promise<void>((resolve) => {
        server.close(() => resolve())
        for (const controller of open) controller.abort()
        server.closeIdleConnections()
        // Streams end on abort; whatever is still open after a moment (a client that never reads) is cut.
        setTimeout(() => server.closeAllConnections(), 50).unref()
      })
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
