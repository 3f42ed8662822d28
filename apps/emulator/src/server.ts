import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { checkReply, checkScopeId } from './check-options.js'
import { fail, type ServerState } from './exchange.js'
import type { ReplyScript } from './model/scripted.js'
import { type EmulatorOptions, resolveOptions } from './options.js'
import { createRequestLog } from './request-log.js'
import type { RequestRecord } from './request-record.js'
import { matchRoute } from './routes.js'
import { SCOPE_HEADER } from './scope-header.js'
import { openExchange, serve } from './serve.js'

export type { RequestRecord } from './request-record.js'

/** Options of {@link Emulator.scope}. */
export interface ScopeOptions {
  /**
   * The scope's id, sent as `x-emulator-scope`: 1 to 200 visible ASCII characters. By default a new one
   * (`scope-1`, `scope-2`…, never one already given). Asking for a given id again gives the same scope: its
   * records and counters, and its reply unless a new one is given.
   */
  id?: string | undefined
  /** What the model answers this scope's requests; wins over the server's `reply` option. */
  reply?: ReplyScript | undefined
}

/**
 * One test's share of an emulator: the requests that send its `headers` are recorded, counted by
 * `fail_then_succeed` and answered apart from every other test's, so tests that run at once do not see
 * or reset each other's state.
 */
export interface EmulatorScope {
  /** The value of its `x-emulator-scope` header. */
  readonly id: string
  /** `{ 'x-emulator-scope': id }`: send it with each request of the scope (a client's `headers` option). */
  readonly headers: Readonly<Record<string, string>>
  /** The scope's requests, oldest first, each as it stands now. */
  readonly requests: readonly RequestRecord[]
  /** Forgets the scope's records and fail-then-succeed counters, and nothing of other scopes. */
  reset(): void
  /** Resolves once no request of the scope is open, whatever other scopes' requests are doing. */
  settled(): Promise<void>
}

/** A running emulator. */
export interface Emulator {
  /** `http://host:port`, without a trailing slash. */
  url: string
  port: number
  /**
   * The requests served so far, oldest first (the last 1000), each as it stands when read: a request is
   * recorded as it arrives, its `status` once the headers are written, `finished` once the reply is.
   */
  readonly requests: readonly RequestRecord[]
  /** Forgets every fail-then-succeed counter and request record, of every scope. */
  reset(): void
  /** A new scope: a test's own records, counters and scripted reply (see {@link EmulatorScope}). */
  scope(options?: ScopeOptions): EmulatorScope
  /**
   * Resolves once no request is open, of any scope: every record `finished`. For a test that reads records
   * after its client gave up before the reply ended (a timeout on a `stall`, an abort); a test among others
   * running at once waits for its own with `scope.settled()`.
   */
  settled(): Promise<void>
  /** Ends open streams, closes every connection and stops listening; then every record is `finished`. */
  close(): Promise<void>
}

/** Starts an emulator on loopback; `await startEmulator({ port: 0 })` in a test, `pnpm emulator` by hand. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const resolved = resolveOptions(options)
  const state: ServerState = {
    options: resolved,
    counters: new Map(),
    replies: new Map(options.reply === undefined ? [] : [[undefined, options.reply]]),
    created: Math.floor(Date.now() / 1000),
    activeStreams: 0,
  }
  let scopes = 0
  /** Every scope id given, so that a made-up one never lands in a scope the test named itself. */
  const scopeIds = new Set<string>()
  const open = new Set<AbortController>()
  const log = createRequestLog(resolved.log)

  const server = createServer((request, response) => {
    const controller = new AbortController()
    open.add(controller)
    const url = new URL(request.url ?? '/', 'http://emulator.local')
    const match = matchRoute(request.method ?? 'GET', url)
    const exchange = openExchange(request, response, url, match, controller.signal, resolved.cors)
    const record = log.open(exchange)
    response.on('finish', () => record.finish())
    response.on('close', () => {
      controller.abort()
      open.delete(controller)
      record.finish()
    })
    serve(exchange, match, state).catch((error: unknown) => {
      // A bug in the emulator must not take the server down; the client sees a 500 or a reset.
      resolved.log?.(`internal error: ${error instanceof Error ? error.stack : String(error)}`)
      if (!response.headersSent) fail(exchange, { kind: 'server_error', status: 500 })
      else response.destroy()
    })
  })
  server.on('clientError', (_error, socket) => socket.destroy())

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
      return log.records()
    },
    reset() {
      state.counters.clear()
      log.clear()
    },
    scope(scopeOptions = {}) {
      checkReply(scopeOptions.reply, 'The reply of a scope')
      checkScopeId(scopeOptions.id)
      let id = scopeOptions.id
      while (id === undefined || (scopeOptions.id === undefined && scopeIds.has(id))) id = `scope-${++scopes}`
      scopeIds.add(id)
      if (scopeOptions.reply !== undefined) state.replies.set(id, scopeOptions.reply)
      return {
        id,
        headers: { [SCOPE_HEADER]: id },
        get requests() {
          return log.recordsOf(id)
        },
        reset() {
          state.counters.delete(id)
          log.clear(id)
        },
        settled: () => log.settled(id),
      }
    },
    settled: () => log.settled(),
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve())
        for (const controller of open) controller.abort()
        server.closeIdleConnections()
        // Streams end on abort; whatever is still open after a moment (a client that never reads) is cut.
        setTimeout(() => server.closeAllConnections(), 50).unref()
      })
      // Every connection is closed, but a response hears of it a tick later: its record is finished then.
      await log.settled()
    },
  }
}
