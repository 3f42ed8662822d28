// @vitest-environment happy-dom
// What React does while a reply streams into a long thread: useChat over the emulator (a real HTTP stream of
// ~2,000 chunks, released at 1,000 chunks/s by a paced fetch) into 200 prior messages rendered as memoized rows, with a
// 60 Hz animation-frame clock (happy-dom runs frames as immediates, far more often than a screen). React
// Profilers count the commits of the thread (and the most in any one frame) and the renders of each row.
// Issue 10 asks ≤ one commit per frame and 0 renders of settled rows. It is a measurement, not a timing: it
// runs once, and its figures go into the suite's meta for the reporter.
import { startEmulator } from '@chatwire/emulator'
import { createFetchClient } from '@chatwire/fetch'
import { type Chat, createChat, type ThreadMessage, type ThreadMessageInit, useChat } from '@chatwire/react'
import { createElement as h, memo, Profiler, version } from 'react'
import { createRoot } from 'react-dom/client'
import { afterAll, bench, describe } from 'vitest'
import type { ChatRenderBenchInfo } from './chat-report.js'
import { pacedFetch } from './paced-fetch.js'

const PRIOR = 200
const COUNT_TO = 1000 // "1, 2, …, 1000." is ~2,000 chunks: a number and a separator each
const FRAME_MS = 16
const CHUNKS_PER_SECOND = 1000

const emulator = await startEmulator({ port: 0, tokenDelayMs: 0 })
afterAll(() => emulator.close())

const info: ChatRenderBenchInfo = {
  priorMessages: PRIOR,
  chunks: 0,
  durationMs: 0,
  frames: 0,
  commits: 0,
  maxCommitsPerFrame: 0,
  settledRowRenders: 0,
  streamingRowRenders: 0,
  reactVersion: `react ${version}`,
}

// What the Profilers count, reset before the reply starts.
const rowRenders = new Map<string, number>()
const commitsByFrame = new Map<number, number>()
let commits = 0
let frame = 0

const Row = memo(function Row(props: { message: ThreadMessage }) {
  const { id } = props.message
  return h(
    Profiler,
    { id, onRender: () => rowRenders.set(id, (rowRenders.get(id) ?? 0) + 1) },
    h('li', null, props.message.content),
  )
})

function Thread(props: { chat: Chat }) {
  const { messages } = useChat(props.chat)
  return h(
    'ol',
    null,
    messages.map((message) => h(Row, { key: message.id, message })),
  )
}

function onCommit(): void {
  commits++
  commitsByFrame.set(frame, (commitsByFrame.get(frame) ?? 0) + 1)
}

async function measure(): Promise<void> {
  let queue: FrameRequestCallback[] = []
  const clock = setInterval(() => {
    frame++
    const due = queue
    queue = []
    for (const callback of due) callback(performance.now())
  }, FRAME_MS)
  globalThis.requestAnimationFrame = (callback) => queue.push(callback)
  globalThis.cancelAnimationFrame = () => {}

  const history: ThreadMessageInit[] = Array.from({ length: PRIOR }, (_, i) => ({
    role: i % 2 === 0 ? 'user' : 'assistant',
    content: `message ${i}`,
  }))
  const client = createFetchClient({
    url: `${emulator.url}/v1/chat/completions`,
    headers: { authorization: 'Bearer sk-bench' },
    fetch: pacedFetch(CHUNKS_PER_SECOND),
  })
  let chunks = 0
  const chat = createChat({
    client,
    messages: history,
    request: { model: 'gpt-4o-mini', stream_options: { include_usage: true } },
    onFinish: ({ message }) => {
      chunks = message.outcome?.completion.usage?.completion_tokens ?? 0
    },
  })
  const container = document.createElement('div')
  const root = createRoot(container)
  root.render(h(Profiler, { id: 'thread', onRender: onCommit }, h(Thread, { chat })))
  while (rowRenders.size < PRIOR) await new Promise((resolve) => setTimeout(resolve, 5))
  rowRenders.clear()
  commits = 0
  commitsByFrame.clear()

  const started = performance.now()
  const firstFrame = frame
  await chat.send(`count to ${COUNT_TO}`)
  const expected = `${Array.from({ length: COUNT_TO }, (_, i) => i + 1).join(', ')}.`
  while (container.querySelector('li:last-child')?.textContent !== expected) {
    await new Promise((resolve) => setTimeout(resolve, 1))
  }
  const durationMs = performance.now() - started
  const [user, reply] = chat.getSnapshot().messages.slice(-2)
  let settled = 0
  for (const [id, count] of rowRenders) if (id !== user?.id && id !== reply?.id) settled += count
  Object.assign(info, {
    chunks,
    durationMs,
    frames: frame - firstFrame,
    commits,
    maxCommitsPerFrame: Math.max(...commitsByFrame.values()),
    settledRowRenders: settled,
    streamingRowRenders: rowRenders.get(reply?.id ?? '') ?? 0,
  })
  root.unmount()
  clearInterval(clock)
}

describe('useChat streaming into 200 messages', { meta: { chatRenderBench: info } }, () => {
  bench('one streamed reply', measure, { iterations: 1, time: 0, warmupIterations: 0, warmupTime: 0 })
})
