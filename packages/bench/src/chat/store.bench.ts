// The chat store's cost per streamed token, at 100 and 1,000 prior messages. A reply is streamed from memory
// in reads of 16 events (1,000 tokens/s at 60 frames/s): its events only iterated, and through createChat
// with a subscriber that reads every snapshot, with a notify per token (throttle 0, the worst case) and with
// the default, a notify per animation frame (here one per read). Each runs a 1,000- and a 3,000-token reply:
// the cost per token is the slope between them, so the costs paid once per turn (making the chat, the request's
// messages) drop out, and the events' own iteration is subtracted. Issue 10 asks ≤ 0.25 ms at 100, ≤ 1 ms at
// 1,000, and 1,000 within 2× of 100.
import { type ChatClient, type ChatThrottle, createChat, type ThreadMessageInit } from '@chatwire/core'
import { bench, describe } from 'vitest'
import {
  type ChatStoreBenchInfo,
  contender,
  EVENTS_ONLY,
  NOTIFY_PER_FRAME,
  NOTIFY_PER_TOKEN,
} from './chat-report.js'
import { inMemoryClient, replyChunks } from './in-memory-client.js'

const SHORT = 1000
const LONG = 3000
const OPTIONS = { time: 1500, iterations: 30, warmupTime: 300, warmupIterations: 5 }

const EVENTS_PER_READ = 16
const clients: Record<number, ChatClient> = {
  [SHORT]: (await inMemoryClient(replyChunks(SHORT), EVENTS_PER_READ)).client,
  [LONG]: (await inMemoryClient(replyChunks(LONG), EVENTS_PER_READ)).client,
}

// Frames as a browser runs them while a stream arrives: the next one after the current read.
globalThis.requestAnimationFrame = (callback) => setImmediate(() => callback(performance.now())) as never
globalThis.cancelAnimationFrame = (handle) => clearImmediate(handle as never)
const expected = (tokens: number) => Array.from({ length: tokens }, (_, i) => ` w${i}`).join('')

const history = (count: number): ThreadMessageInit[] =>
  Array.from({ length: count }, (_, i) => ({
    role: i % 2 === 0 ? 'user' : 'assistant',
    content: `message ${i}`,
  }))

async function streamThroughChat(
  tokens: number,
  messages: readonly ThreadMessageInit[],
  throttle: ChatThrottle,
): Promise<number> {
  const chat = createChat({
    client: clients[tokens] as ChatClient,
    messages,
    throttle,
    request: { model: 'gpt-4o-mini' },
  })
  let seen = 0
  chat.subscribe(() => {
    seen += chat.getSnapshot().messages.length
  })
  await chat.send('go')
  if (chat.getSnapshot().messages.at(-1)?.content !== expected(tokens))
    throw new Error('The chat lost tokens')
  return seen
}

async function iterateEvents(tokens: number): Promise<number> {
  const stream = (clients[tokens] as ChatClient).stream({
    model: 'gpt-4o-mini',
    messages: [{ role: 'user', content: 'go' }],
  })
  let events = 0
  for await (const _event of stream) events++
  await stream.final()
  return events
}

// Outside the timing: every token reaches the snapshot, and the frame mode publishes about once per read.
const perToken = await countPublishes(0)
const perFrame = await countPublishes('frame')
if (perToken < SHORT || perFrame > SHORT / EVENTS_PER_READ + 4) {
  throw new Error(`Unexpected publishes: ${perToken} per token, ${perFrame} per frame`)
}

async function countPublishes(throttle: ChatThrottle): Promise<number> {
  const chat = createChat({ client: clients[SHORT] as ChatClient, throttle })
  let publishes = 0
  chat.subscribe(() => publishes++)
  await chat.send('go')
  return publishes
}

for (const priorMessages of [100, 1000]) {
  const info: ChatStoreBenchInfo = { priorMessages, shortTokens: SHORT, longTokens: LONG }
  const messages = history(priorMessages)
  describe(`${priorMessages} prior messages`, { meta: { chatStoreBench: info } }, () => {
    for (const tokens of [SHORT, LONG]) {
      bench(contender(EVENTS_ONLY, tokens), async () => void (await iterateEvents(tokens)), OPTIONS)
      bench(
        contender(NOTIFY_PER_TOKEN, tokens),
        async () => void (await streamThroughChat(tokens, messages, 0)),
        OPTIONS,
      )
      bench(
        contender(NOTIFY_PER_FRAME, tokens),
        async () => void (await streamThroughChat(tokens, messages, 'frame')),
        OPTIONS,
      )
    }
  })
}
