import { type Chat, createChat, type ThreadMessage, type ThreadMessageInit } from '@chatwire/core'
import { cleanup, render, waitFor } from '@testing-library/react'
import { memo, Profiler, useEffect, useState } from 'react'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { testServer } from './test/emulator.js'
import { installFrameClock } from './test/frames.js'
import { useChat } from './use-chat.js'
import { useChatMessage, useChatSelector } from './use-chat-selector.js'

const server = testServer()
let clock: ReturnType<typeof installFrameClock>
// React renders on its own scheduler here, as in a browser: inside act() React 18 would hold every render until
// the act ends, which would count nothing.
const actEnvironment = globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }
beforeEach(() => {
  clock = installFrameClock()
  actEnvironment.IS_REACT_ACT_ENVIRONMENT = false
})
afterEach(() => {
  cleanup()
  clock.uninstall()
  actEnvironment.IS_REACT_ACT_ENVIRONMENT = true
})

/** Sends and waits until React has rendered the end of the turn. */
async function sendAndRender(chat: Chat, text: string, rendered: () => boolean): Promise<void> {
  await chat.send(text)
  await waitFor(() => expect(rendered()).toBe(true))
}

const request = { model: 'gpt-4o-mini' }
const numbers = (n: number) => `${Array.from({ length: n }, (_, i) => i + 1).join(', ')}.`
/** Sends 'count to 500' and waits until the list's last row shows the whole reply. */
async function streamIntoLastRow(chat: Chat): Promise<void> {
  const final = numbers(500)
  await sendAndRender(
    chat,
    'count to 500',
    () => document.querySelector('li:last-child')?.textContent === final,
  )
}
const history = (count: number): ThreadMessageInit[] =>
  Array.from({ length: count }, (_, i) => ({
    role: i % 2 === 0 ? 'user' : 'assistant',
    content: `message ${i}`,
  }))

/** Rows rendered, by message id, counted by a Profiler inside each memoized row. */
function rowCounter() {
  const renders = new Map<string, number>()
  const Row = memo(function Row(props: { message: ThreadMessage }) {
    return (
      <Profiler id={props.message.id} onRender={(id) => renders.set(id, (renders.get(id) ?? 0) + 1)}>
        <li>{props.message.content}</li>
      </Profiler>
    )
  })
  return { renders, Row }
}

describe('rendering while a reply streams', () => {
  it('no render storm: unrelated renders every ms, ~600 deltas; the thread renders at most once per frame', async () => {
    const chat = createChat({ client: server.client({ 'x-emulator-fault': 'slow;ms=1' }), request })
    let noisyRenders = 0
    const seen: { status: string; content: string }[] = []
    // Not memoized: every unrelated render of the parent renders it too, and must see a published snapshot.
    function Thread(props: { chat: Chat }) {
      const { messages, status } = useChat(props.chat)
      seen.push({ status, content: messages[1]?.content ?? '' })
      return <p>{messages[1]?.content}</p>
    }
    function Noisy() {
      const [, setTick] = useState(0)
      noisyRenders++
      useEffect(() => {
        const timer = setInterval(() => setTick((tick) => tick + 1), 1)
        return () => clearInterval(timer)
      }, [])
      return <Thread chat={chat} />
    }
    render(<Noisy />)
    const framesBefore = clock.frames()
    await sendAndRender(chat, 'count to 300', () => seen.at(-1)?.status === 'ready')
    const frames = clock.frames() - framesBefore
    expect(chat.getSnapshot().messages[1]?.content).toBe(numbers(300))
    // Renders happened far more often than frames would allow if they showed every delta...
    expect(noisyRenders).toBeGreaterThan(50)
    // ...yet they show at most one new snapshot per frame, plus the leading token and the status changes.
    const shown = new Set(seen.map(({ status, content }) => `${status}:${content}`))
    expect(shown.size).toBeLessThanOrEqual(frames + 4)
    // The UI never shows a finished reply without its final content.
    const fromStreaming = seen.slice(seen.findIndex(({ status }) => status === 'streaming'))
    const early = fromStreaming.filter(
      ({ status, content }) => status === 'ready' && content !== numbers(300),
    )
    expect(early).toEqual([])
    expect(seen.at(-1)).toEqual({ status: 'ready', content: numbers(300) })
  }, 60_000)

  it('memoized settled rows render 0 times while a reply streams into a 200-message thread', async () => {
    const chat = createChat({ client: server.client(), request, messages: history(200) })
    const { renders, Row } = rowCounter()
    function Thread() {
      const { messages } = useChat(chat)
      return (
        <ol>
          {messages.map((message) => (
            <Row key={message.id} message={message} />
          ))}
        </ol>
      )
    }
    render(<Thread />)
    await waitFor(() => expect(renders.size).toBe(200))
    renders.clear()
    await streamIntoLastRow(chat)
    const [user, reply] = chat.getSnapshot().messages.slice(-2)
    expect([...renders.keys()].sort()).toEqual([user?.id, reply?.id].sort())
    expect(renders.get(user?.id as string)).toBe(1)
    expect(renders.get(reply?.id as string)).toBeGreaterThan(1)
  })

  it('the selector form: a list keyed on length and rows selecting their message; only the streaming row renders', async () => {
    const chat = createChat({ client: server.client(), request, messages: history(200) })
    const renders = new Map<number, number>()
    let listRenders = 0
    const Row = memo(function Row(props: { index: number }) {
      const message = useChatSelector(chat, (snapshot) => snapshot.messages[props.index])
      renders.set(props.index, (renders.get(props.index) ?? 0) + 1)
      return <li>{message?.content}</li>
    })
    function List() {
      const length = useChatSelector(chat, (snapshot) => snapshot.messages.length)
      listRenders++
      return (
        <ol>
          {Array.from({ length }, (_, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: the thread only grows at its end here
            <Row key={index} index={index} />
          ))}
        </ol>
      )
    }
    render(<List />)
    await waitFor(() => expect(renders.size).toBe(200))
    renders.clear()
    listRenders = 0
    await streamIntoLastRow(chat)
    // The list renders when the user message and the reply are added, not per token.
    expect(listRenders).toBe(2)
    expect([...renders.keys()].sort((a, b) => a - b)).toEqual([200, 201])
    expect(renders.get(201)).toBeGreaterThan(1)
  })

  it('the per-message hook: rows keyed by id with useChatMessage; only the streaming row renders per token', async () => {
    const chat = createChat({ client: server.client(), request, messages: history(200) })
    const renders = new Map<string, number>()
    const Row = memo(function Row(props: { id: string }) {
      const message = useChatMessage(chat, props.id)
      renders.set(props.id, (renders.get(props.id) ?? 0) + 1)
      return <li>{message?.content}</li>
    })
    function List() {
      const messages = useChatSelector(chat, (snapshot) => snapshot.messages)
      return (
        <ol>
          {messages.map((message) => (
            <Row key={message.id} id={message.id} />
          ))}
        </ol>
      )
    }
    render(<List />)
    await waitFor(() => expect(renders.size).toBe(200))
    renders.clear()
    await streamIntoLastRow(chat)
    const [user, reply] = chat.getSnapshot().messages.slice(-2)
    expect([...renders.keys()].sort()).toEqual([user?.id, reply?.id].sort())
    expect(renders.get(reply?.id as string)).toBeGreaterThan(1)
  })

  it('throttle 0 over ~2,000 buffered deltas: every publish renders, and React never hits its nested-update limit', async () => {
    const errors: unknown[] = []
    const onError = (event: ErrorEvent) => errors.push(event.error)
    window.addEventListener('error', onError)
    const chat = createChat({ client: server.client(), request, throttle: 0 })
    let renders = 0
    function Thread() {
      const { messages } = useChat(chat)
      renders++
      return <p>{messages[1]?.content}</p>
    }
    const { container } = render(<Thread />)
    const final = numbers(1000)
    await sendAndRender(chat, 'count to 1000', () => container.textContent === final)
    window.removeEventListener('error', onError)
    expect(errors).toEqual([])
    expect(renders).toBeGreaterThan(2)
  }, 60_000)
})
