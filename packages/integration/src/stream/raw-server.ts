// A tiny HTTP server for replies the emulator does not script: a body cut inside a frame, a 200 that is not an
// event stream, a line that never ends, a chunk too deep to encode again. Each test says what its reply writes.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { ChatEndpoint } from '@chatwire/core'

/** Writes one reply; the request body has been read. */
export type Handler = (response: ServerResponse, request: IncomingMessage) => void | Promise<void>

/** A server on a free loopback port, the endpoint that calls it, and whether a reply's client went away. */
export interface RawServer {
  endpoint: ChatEndpoint
  /** The next reply: each test sets its own. */
  reply(handler: Handler): void
  /** Resolves once the client closed the connection of the last reply before its end. */
  clientLeft(): Promise<void>
  close(): Promise<void>
}

/** The API key the endpoint sends: it must appear in no error or frame. */
export const RAW_KEY = 'sk-raw-0123456789abcdef'

export async function startRawServer(): Promise<RawServer> {
  let handler: Handler = (response) => void response.end()
  let left: Promise<void> = Promise.resolve()
  const server = createServer((request, response) => {
    left = new Promise((resolve) => response.on('close', () => !response.writableFinished && resolve()))
    request.resume()
    request.on('end', () => void handler(response, request))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    endpoint: {
      name: 'raw server',
      prepare: (body) => ({
        url: `http://127.0.0.1:${port}/v1/chat/completions`,
        headers: { authorization: `Bearer ${RAW_KEY}` },
        body,
      }),
      secrets: () => [RAW_KEY],
    },
    reply(next) {
      handler = next
    },
    clientLeft: () => left,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

const head = { id: 'chatcmpl-raw', object: 'chat.completion.chunk', created: 1_700_000_000, model: 'raw-1' }

/** One chunk of choice 0 as an SSE frame. */
export function frame(delta: object, finish: string | null = null, extra: object = {}): string {
  return `data: ${JSON.stringify({ ...head, ...extra, choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`
}

/** Starts an event-stream reply. */
export function eventStream(response: ServerResponse): void {
  response.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' })
}
