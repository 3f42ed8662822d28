// The emulator and a real adapter client for the chat store's tests, plus the request log's closings, which
// tell that a connection ended (finished or cut) as the emulator saw it.
import type { Chat, ChatClient, ChatMessage, ChatSnapshot } from '@chatwire/core'
import { type Emulator, startEmulator } from '@chatwire/emulator'
import { createFetchClient } from '@chatwire/fetch'
import { perFile } from '@chatwire/testkit/per-file'
import { afterAll, beforeAll, beforeEach } from 'vitest'

/** The emulator with the lines it logs as each connection closes. */
export interface ChatEmulator {
  emulator: Emulator
  /** One line per closed connection: `200 POST /v1/chat/completions [openai] stream …`. */
  closed: string[]
  client(): ChatClient
  /**
   * A client whose route forgets the tool steps (it sends the user's messages only), so that the model asks
   * for the same tool again after every result: a model that loops forever.
   */
  loopingClient(): ChatClient
  /** A client that pushes each request's messages, as the route sends them, onto `sent`. */
  recordingClient(sent: ChatMessage[][]): ChatClient
}

/** Starts the emulator on a free port with no token delay. */
export async function startChatEmulator(): Promise<ChatEmulator> {
  const closed: string[] = []
  const emulator = await startEmulator({ port: 0, tokenDelayMs: 0, log: (line) => closed.push(line) })
  return {
    emulator,
    closed,
    client: () =>
      createFetchClient({
        url: `${emulator.url}/v1/chat/completions`,
        headers: { authorization: 'Bearer sk-chat-test' },
        maxRetries: 0,
      }),
    loopingClient: () =>
      createFetchClient({
        url: `${emulator.url}/v1/chat/completions`,
        headers: { authorization: 'Bearer sk-chat-test' },
        maxRetries: 0,
        body: (request) => ({
          ...request,
          messages: request.messages.filter(
            (message) => message.role === 'user' || message.role === 'system',
          ),
        }),
      }),
    recordingClient: (sent) =>
      createFetchClient({
        url: `${emulator.url}/v1/chat/completions`,
        headers: { authorization: 'Bearer sk-chat-test' },
        maxRetries: 0,
        body: (request) => {
          sent.push(request.messages)
          return request
        },
      }),
  }
}

/** The emulator of a test file, declared once at its top (see testkit's `perFile`); each test sees no
 * request and no closing of the ones before. */
export function chatEmulator(): ChatEmulator {
  return perFile<ChatEmulator>(
    { beforeAll, afterAll, beforeEach },
    {
      start: startChatEmulator,
      reset: (server) => {
        server.emulator.reset()
        server.closed.length = 0
      },
      close: (server) => server.emulator.close(),
    },
  )
}

/** Every snapshot `chat` publishes from now on. */
export function recordSnapshots(chat: Chat): ChatSnapshot[] {
  const snapshots: ChatSnapshot[] = []
  chat.subscribe(() => snapshots.push(chat.getSnapshot()))
  return snapshots
}

/** Resolves once `check` holds for a published snapshot (checked at each publish). */
export function whenSnapshot(chat: Chat, check: (snapshot: ChatSnapshot) => boolean): Promise<ChatSnapshot> {
  return new Promise((resolve) => {
    if (check(chat.getSnapshot())) return resolve(chat.getSnapshot())
    const unsubscribe = chat.subscribe(() => {
      const snapshot = chat.getSnapshot()
      if (!check(snapshot)) return
      unsubscribe()
      resolve(snapshot)
    })
  })
}

/** Waits until `count` connections have closed, as the emulator logs them. */
export async function untilClosed(emulator: ChatEmulator, count: number): Promise<void> {
  while (emulator.closed.length < count) await new Promise((resolve) => setTimeout(resolve, 5))
}

/**
 * What is reported as an unhandled promise rejection while `run` runs, and until the timers' turn after it
 * (Node reports them once the microtasks ran). Vitest's own handler, which fails the run, is set aside meanwhile.
 */
export async function unhandledRejections(run: () => Promise<unknown>): Promise<unknown[]> {
  const reported: unknown[] = []
  const record = (reason: unknown) => reported.push(reason)
  const others = process.listeners('unhandledRejection')
  process.removeAllListeners('unhandledRejection')
  process.on('unhandledRejection', record)
  try {
    await run()
    await new Promise((resolve) => setTimeout(resolve, 0))
  } finally {
    process.off('unhandledRejection', record)
    for (const listener of others) process.on('unhandledRejection', listener)
  }
  return reported
}
