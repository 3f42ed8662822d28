import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { fail, type ServerState } from './exchange.js'
import { type EmulatorOptions, resolveOptions } from './options.js'
import { createRequestLog, type RequestRecord } from './request-log.js'
import { matchRoute } from './routes.js'
import { openExchange, serve } from './serve.js'

export type { RequestRecord } from './request-log.js'

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

/** Starts an emulator on loopback; `await startEmulator({ port: 0 })` in a test, `pnpm emulator` by hand. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const resolved = resolveOptions(options)
  const state: ServerState = { options: resolved, counters: new Map(), activeStreams: 0 }
  const open = new Set<AbortController>()
  const log = createRequestLog(resolved.log)

  const server = createServer((request, response) => {
    const controller = new AbortController()
    open.add(controller)
    const url = new URL(request.url ?? '/', 'http://emulator.local')
    const match = matchRoute(request.method ?? 'GET', url)
    const exchange = openExchange(request, response, url, match, controller.signal, resolved.cors)
    const record = log.open(exchange)
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
    requests: log.records,
    reset() {
      state.counters.clear()
      log.clear()
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
