// The emulator and the canonical client (`createFetchClient`) for the binding's tests, with the request log's
// closing lines, which tell that a connection ended (finished or cut) as the emulator saw it.
import type { ChatClient } from '@chatwire/core'
import { type Emulator, startEmulator } from '@chatwire/emulator'
import { createFetchClient } from '@chatwire/fetch'
import { perFile } from '@chatwire/testkit/per-file'
import { afterAll, beforeAll, beforeEach } from 'vitest'

/** The emulator with one line per closed connection. */
export interface TestServer {
  emulator: Emulator
  closed: string[]
  client(headers?: Record<string, string>): ChatClient
  /** The chat requests received (happy-dom's fetch also sends CORS preflights, left out here). */
  posts(): Emulator['requests']
  /** Waits until `count` chat connections have closed. */
  untilClosed(count: number): Promise<void>
  reset(): void
}

/** Starts the emulator on a free port with no token delay (or `tokenDelayMs`). */
export async function startTestServer(tokenDelayMs = 0): Promise<TestServer> {
  const closed: string[] = []
  const emulator = await startEmulator({ port: 0, tokenDelayMs, log: (line) => closed.push(line) })
  return {
    emulator,
    closed,
    client: (headers = {}) =>
      createFetchClient({
        url: `${emulator.url}/v1/chat/completions`,
        headers: { authorization: 'Bearer sk-react-test', ...headers },
        maxRetries: 0,
      }),
    posts: () => emulator.requests.filter((request) => request.method === 'POST'),
    async untilClosed(count) {
      while (closed.filter((line) => line.includes(' POST ')).length < count)
        await new Promise((resolve) => setTimeout(resolve, 5))
    },
    reset() {
      emulator.reset()
      closed.length = 0
    },
  }
}

/** The test server of a test file, declared once at its top (see testkit's `perFile`). */
export function testServer(tokenDelayMs = 0): TestServer {
  return perFile<TestServer>(
    { beforeAll, afterAll, beforeEach },
    {
      start: () => startTestServer(tokenDelayMs),
      reset: (server) => server.reset(),
      close: (server) => server.emulator.close(),
    },
  )
}
