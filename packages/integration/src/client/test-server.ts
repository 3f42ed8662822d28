import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

/** What a {@link TestServer} does with one request. */
export type TestHandler = (request: IncomingMessage, response: ServerResponse) => void

/** A tiny loopback HTTP server whose every answer the test writes: for what the emulator cannot do (hostile bodies). */
export interface TestServer {
  readonly url: string
  /** The answer to the next requests. */
  handle(handler: TestHandler): void
  /** Requests served since the last `handle`. */
  readonly requests: number
  close(): Promise<void>
}

/** Starts a {@link TestServer} on a free loopback port. */
export async function startTestServer(): Promise<TestServer> {
  let handler: TestHandler = (_request, response) => response.end()
  let requests = 0
  const server: Server = createServer((request, response) => {
    requests++
    request.resume()
    request.on('end', () => handler(request, response))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    handle(next) {
      handler = next
      requests = 0
    },
    get requests() {
      return requests
    },
    async close() {
      server.closeAllConnections()
      await new Promise((resolve) => server.close(resolve))
    },
  }
}
