import { type Chat, ChatBusyError, createChat } from '@chatwire/core'
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { type ReactElement, StrictMode, useEffect, useRef } from 'react'
import { afterEach, describe, expect, it } from 'vitest'
import { testServer } from './test/emulator.js'
import { useChat } from './use-chat.js'

const server = testServer()
afterEach(cleanup)

const request = { model: 'gpt-4o-mini' }
const text = (id: string) => screen.getByTestId(id).textContent
const tick = () => new Promise((resolve) => setTimeout(resolve, 20))

/** A chat whose live subscriptions are counted. */
function countingChat(chat: Chat): Chat & { listeners: () => number } {
  let active = 0
  return {
    ...chat,
    subscribe(listener) {
      active++
      const unsubscribe = chat.subscribe(listener)
      return () => {
        active--
        unsubscribe()
      }
    },
    listeners: () => active,
  }
}

function View(props: { chat: Chat; name: string }) {
  const { messages, send } = useChat(props.chat)
  return (
    <div>
      <p data-testid={props.name}>{messages.map((message) => message.content).join(' | ')}</p>
      <button type="button" onClick={() => void send(`from ${props.name}`)}>
        {`send ${props.name}`}
      </button>
    </div>
  )
}

/** A component that owns its chat (made from options) and sends a slow 'count to 300' on a click; `owned()` is that chat. */
function slowOwner(): { Owner: () => ReactElement; owned: () => Chat | undefined } {
  let owned: Chat | undefined
  function Owner() {
    const { chat, send } = useChat({ client: server.client({ 'x-emulator-fault': 'slow;ms=30' }), request })
    owned = chat
    return (
      <button type="button" onClick={() => void send('count to 300')}>
        send
      </button>
    )
  }
  return { Owner, owned: () => owned }
}

describe('sharing one chat', () => {
  it('two components given the same chat show the same thread; either can send', async () => {
    const chat = createChat({ client: server.client(), request })
    render(
      <>
        <View chat={chat} name="left" />
        <View chat={chat} name="right" />
      </>,
    )
    fireEvent.click(screen.getByText('send left'))
    await waitFor(() => expect(text('right')).toBe('from left | You said: from left'))
    expect(text('left')).toBe(text('right'))
    fireEvent.click(screen.getByText('send right'))
    await waitFor(() => expect(text('left')).toContain('You said: from right'))
    expect(server.posts()).toHaveLength(2)
  })

  it('unmounting one of them leaves a shared chat streaming; the other still shows it', async () => {
    const chat = createChat({ client: server.client({ 'x-emulator-fault': 'slow;ms=5' }), request })
    function Pair(props: { both: boolean }) {
      return (
        <>
          <View chat={chat} name="left" />
          {props.both ? <View chat={chat} name="right" /> : null}
        </>
      )
    }
    const { rerender } = render(<Pair both />)
    fireEvent.click(screen.getByText('send right'))
    await waitFor(() => expect(chat.getSnapshot().status).toBe('streaming'))
    rerender(<Pair both={false} />)
    await tick()
    await waitFor(() => expect(chat.getSnapshot().status).toBe('ready'), { timeout: 5000 })
    expect(chat.getSnapshot().messages[1]).toMatchObject({ state: 'complete' })
    expect(text('left')).toContain('You said: from right')
  })
})

describe('unmount', () => {
  it('a real unmount during a stream aborts the request and leaves no listener behind', async () => {
    const chat = countingChat(
      createChat({ client: server.client({ 'x-emulator-fault': 'slow;ms=30' }), request }),
    )
    function Owner() {
      // The component owns the chat as useChat would own one it made: attached while mounted.
      useEffect(() => chat.attach(), [])
      const { messages } = useChat(chat)
      return <p data-testid="count">{messages.length}</p>
    }
    const { unmount } = render(<Owner />)
    expect(chat.listeners()).toBeGreaterThan(0)
    void chat.send('count to 300')
    await waitFor(() => expect(chat.getSnapshot().status).toBe('streaming'))
    unmount()
    expect(chat.listeners()).toBe(0)
    // 300 chunks 30 ms apart take 9 s: the connection closes now only because the client cut it.
    await server.untilClosed(1)
    expect(chat.getSnapshot()).toMatchObject({ status: 'ready', messages: [{}, { state: 'stopped' }] })
  })

  it('an owned chat (made from options) is stopped by a real unmount: the connection is cut', async () => {
    const { Owner, owned } = slowOwner()
    const { unmount } = render(<Owner />)
    fireEvent.click(screen.getByText('send'))
    await waitFor(() => expect(owned()?.getSnapshot().status).toBe('streaming'))
    unmount()
    await server.untilClosed(1)
    expect(owned()?.getSnapshot().status).toBe('ready')
    expect(owned()?.getSnapshot().messages[1]).toMatchObject({ state: 'stopped' })
  })
})

describe('moving a component under another parent (a remount)', () => {
  /** `children` under a <div> or a <section>: switching them mounts a new child, as re-parenting does. */
  function Parent(props: { section: boolean; children: ReactElement }) {
    return props.section ? <section>{props.children}</section> : <div>{props.children}</div>
  }

  it('an owned chat: its running reply is stopped, and the new mount starts with an empty chat', async () => {
    const chats: Chat[] = []
    function Owner() {
      const { chat, messages, send } = useChat({
        client: server.client({ 'x-emulator-fault': 'slow;ms=30' }),
        request,
      })
      if (!chats.includes(chat)) chats.push(chat)
      return (
        <button type="button" onClick={() => void send('count to 300')}>
          {`messages: ${messages.length}`}
        </button>
      )
    }
    const { rerender } = render(
      <Parent section={false}>
        <Owner />
      </Parent>,
    )
    fireEvent.click(screen.getByText('messages: 0'))
    await waitFor(() => expect(chats[0]?.getSnapshot().status).toBe('streaming'))
    rerender(
      <Parent section>
        <Owner />
      </Parent>,
    )
    // 300 chunks 30 ms apart take 9 s: the connection closes now only because the old chat was stopped.
    await server.untilClosed(1)
    expect(chats).toHaveLength(2)
    expect(chats[0]?.getSnapshot().messages[1]).toMatchObject({ state: 'stopped' })
    expect(screen.getByRole('button').textContent).toBe('messages: 0')
  })

  it('a chat made with createChat outside and passed in: the reply goes on and the new mount shows it', async () => {
    const chat = createChat({ client: server.client({ 'x-emulator-fault': 'slow;ms=10' }), request })
    const { rerender } = render(
      <Parent section={false}>
        <View chat={chat} name="view" />
      </Parent>,
    )
    // 30 chunks 10 ms apart: still streaming when the view moves.
    void chat.send('count to 30')
    await waitFor(() => expect(chat.getSnapshot().status).toBe('streaming'))
    rerender(
      <Parent section>
        <View chat={chat} name="view" />
      </Parent>,
    )
    await waitFor(() => expect(chat.getSnapshot().status).toBe('ready'))
    expect(chat.getSnapshot().messages[1]).toMatchObject({ state: 'complete' })
    const counted = Array.from({ length: 30 }, (_, index) => index + 1).join(', ')
    await waitFor(() => expect(text('view')).toBe(`count to 30 | ${counted}.`))
    expect(server.posts()).toHaveLength(1)
  })
})

describe('StrictMode', () => {
  it('a send from a mount effect sends exactly one request, and the replayed effects do not abort it', async () => {
    const rejected: unknown[] = []
    function SendOnMount() {
      const { messages, status, send } = useChat({ client: server.client(), request })
      // No guard: StrictMode runs this effect twice; the busy chat refuses the second send.
      useEffect(() => {
        send('Hello there').catch((error: unknown) => rejected.push(error))
      }, [send])
      return (
        <p data-testid="thread">
          {status}: {messages.map((message) => message.content).join(' | ')}
        </p>
      )
    }
    render(
      <StrictMode>
        <SendOnMount />
      </StrictMode>,
    )
    await waitFor(() => expect(text('thread')).toBe('ready: Hello there | You said: Hello there'))
    expect(server.posts()).toHaveLength(1)
    expect(rejected).toHaveLength(1)
    expect(rejected[0]).toBeInstanceOf(ChatBusyError)
  })

  it('a guarded mount send: one request, the reply completes, and later sends still work', async () => {
    function Guarded() {
      const { messages, send } = useChat({ client: server.client(), request })
      const sent = useRef(false)
      useEffect(() => {
        if (sent.current) return
        sent.current = true
        void send('first')
      }, [send])
      return (
        <>
          <p data-testid="thread">{messages.map((message) => message.content).join(' | ')}</p>
          <button type="button" onClick={() => void send('second')}>
            send
          </button>
        </>
      )
    }
    render(
      <StrictMode>
        <Guarded />
      </StrictMode>,
    )
    await waitFor(() => expect(text('thread')).toBe('first | You said: first'))
    fireEvent.click(screen.getByText('send'))
    await waitFor(() => expect(text('thread')).toBe('first | You said: first | second | You said: second'))
    expect(server.posts()).toHaveLength(2)
  })

  it('a real unmount under StrictMode still aborts the owned request', async () => {
    const { Owner, owned } = slowOwner()
    const { unmount } = render(
      <StrictMode>
        <Owner />
      </StrictMode>,
    )
    fireEvent.click(screen.getByText('send'))
    await waitFor(() => expect(owned()?.getSnapshot().status).toBe('streaming'))
    act(() => unmount())
    await server.untilClosed(1)
    expect(server.posts()).toHaveLength(1)
    expect(owned()?.getSnapshot().messages[1]).toMatchObject({ state: 'stopped' })
  })
})
