// The emulator and a real adapter client for the chat store's tests, plus the request log's closings, which
// tell that a connection ended (finished or cut) as the emulator saw it.
import type { Chat, ChatClient, ChatSnapshot } from '@chatwire/core'
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
