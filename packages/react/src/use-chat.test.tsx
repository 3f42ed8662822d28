import { type AssistantThreadMessage, ChatBusyError, ConnectionError } from '@chatwire/core'
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { useState } from 'react'
import { afterEach, describe, expect, it } from 'vitest'
import { testServer } from './test/emulator.js'
import { type UseChatOptions, useChat } from './use-chat.js'

const server = testServer()
afterEach(cleanup)

/** The canonical use: messages, status, error and the actions, rendered as plain text. */
function Chat(props: { options: UseChatOptions; text?: string }) {
  const { messages, status, error, send, stop, regenerate } = useChat(props.options)
  return (
    <div>
      <p data-testid="status">{status}</p>
      <p data-testid="error">{error?.name ?? ''}</p>
      <ol>
        {messages.map((message) => (
          <li key={message.id} data-testid={message.role}>
            {message.content}
            {message.role === 'assistant' ? ` [${message.state}]` : ''}
          </li>
        ))}
      </ol>
      <button type="button" onClick={() => void send(props.text ?? 'Hello there')}>
        send
      </button>
      <button type="button" onClick={stop}>
        stop
      </button>
      <button type="button" onClick={() => void regenerate()}>
        regenerate
      </button>
    </div>
  )
}

const text = (id: string) => screen.getByTestId(id).textContent
const all = (id: string) => screen.queryAllByTestId(id).map((node) => node.textContent)

describe('useChat: the canonical use', () => {
  it('sends, streams and finishes: the reply is rendered and status returns to ready', async () => {
    render(<Chat options={{ client: server.client(), request: { model: 'gpt-4o-mini' } }} />)
    expect(text('status')).toBe('ready')
    fireEvent.click(screen.getByText('send'))
    await waitFor(() => expect(text('status')).toBe('ready'))
    expect(all('user')).toEqual(['Hello there'])
    expect(all('assistant')).toEqual(['You said: Hello there [complete]'])
    expect(server.posts()).toHaveLength(1)
  })

  it('stop mid-stream keeps what streamed, marked stopped, and cuts the connection', async () => {
    const client = server.client({ 'x-emulator-fault': 'slow;ms=30' })
    render(<Chat options={{ client, request: { model: 'gpt-4o-mini' } }} text="count to 300" />)
    fireEvent.click(screen.getByText('send'))
    await waitFor(() => expect(text('status')).toBe('streaming'))
    fireEvent.click(screen.getByText('stop'))
    expect(text('status')).toBe('ready')
    expect(all('assistant')[0]).toMatch(/^1.* \[stopped\]$/)
    await server.untilClosed(1)
  })

  it('an error keeps the partial reply and the user message; regenerate retries without duplicates', async () => {
    function Failing() {
      const [fault, setFault] = useState('reset_mid_stream;after=4')
      return (
        <>
          <Chat
            options={{
              client: server.client(),
              request: { model: 'gpt-4o-mini' },
              callOptions: { headers: { 'x-emulator-fault': fault } },
            }}
            text="one two three four five six seven"
          />
          <button type="button" onClick={() => setFault('')}>
            heal
          </button>
        </>
      )
    }
    render(<Failing />)
    fireEvent.click(screen.getByText('send'))
    await waitFor(() => expect(text('status')).toBe('error'))
    expect(text('error')).toBe(ConnectionError.name)
    expect(all('user')).toEqual(['one two three four five six seven'])
    expect(all('assistant')[0]).toMatch(/\[incomplete\]$/)
    fireEvent.click(screen.getByText('heal'))
    fireEvent.click(screen.getByText('regenerate'))
    await waitFor(() => expect(text('status')).toBe('ready'))
    expect(all('user')).toEqual(['one two three four five six seven'])
    expect(all('assistant')).toEqual(['You said: one two three four five six seven [complete]'])
    expect(text('error')).toBe('')
  })

  it('a second send while streaming is rejected with ChatBusyError: one request, one reply', async () => {
    let result: ReturnType<typeof useChat> | undefined
    function Probe() {
      result = useChat({ client: server.client(), request: { model: 'gpt-4o-mini' } })
      return null
    }
    render(<Probe />)
    let first: Promise<void> | undefined
    let second: Promise<void> | undefined
    act(() => {
      first = result?.send('first')
      second = result?.send('second')
    })
    await expect(second).rejects.toBeInstanceOf(ChatBusyError)
    await act(() => first)
    expect(result?.messages.map((message) => message.content)).toEqual(['first', 'You said: first'])
    expect(server.posts()).toHaveLength(1)
  })
})

describe('useChat: options, identity, closures', () => {
  it('inline options do not rebuild the chat; the thread survives re-renders', async () => {
    const chats = new Set<unknown>()
    let rerender: (() => void) | undefined
    function Inline() {
      const [, setCount] = useState(0)
      rerender = () => setCount((count) => count + 1)
      const { chat, messages, send } = useChat({ client: server.client(), request: { model: 'gpt-4o-mini' } })
      chats.add(chat)
      return (
        <button type="button" onClick={() => void send('hi')}>
          {messages.length}
        </button>
      )
    }
    render(<Inline />)
    fireEvent.click(screen.getByRole('button'))
    await waitFor(() => expect(screen.getByRole('button').textContent).toBe('2'))
    for (let i = 0; i < 5; i++) act(() => rerender?.())
    expect(screen.getByRole('button').textContent).toBe('2')
    expect(chats.size).toBe(1)
  })

  it('callbacks and request fields come from the latest render (no stale closure)', async () => {
    const finished: string[] = []
    function Latest() {
      const [label, setLabel] = useState('first')
      const { messages, send } = useChat({
        client: server.client(),
        // The second render asks for at most 3 tokens: the reply it sends must be cut.
        request: label === 'first' ? { model: 'gpt-4o-mini' } : { model: 'gpt-4o-mini', max_tokens: 3 },
        onFinish: ({ message }) => finished.push(`${label}: ${message.outcome?.type}`),
      })
      return (
        <>
          <button type="button" onClick={() => setLabel('second')}>
            relabel
          </button>
          <button type="button" onClick={() => void send('one two three four five six')}>
            send
          </button>
          <p data-testid="count">{messages.length}</p>
        </>
      )
    }
    render(<Latest />)
    fireEvent.click(screen.getByText('send'))
    await waitFor(() => expect(finished).toHaveLength(1))
    fireEvent.click(screen.getByText('relabel'))
    fireEvent.click(screen.getByText('send'))
    await waitFor(() => expect(finished).toHaveLength(2))
    expect(finished).toEqual(['first: stop', 'second: length'])
  })

  it('a new id is a new chat: the old request is aborted and its chunks never reach the new thread', async () => {
    function Switcher() {
      const [id, setId] = useState('a')
      const client = server.client({ 'x-emulator-fault': 'slow;ms=30' })
      const { messages, send, status } = useChat({ client, id, request: { model: 'gpt-4o-mini' } })
      return (
        <>
          <button type="button" onClick={() => void send('count to 300')}>
            send
          </button>
          <button type="button" onClick={() => setId('b')}>
            switch
          </button>
          <p data-testid="status">{status}</p>
          <p data-testid="count">{messages.length}</p>
        </>
      )
    }
    render(<Switcher />)
    fireEvent.click(screen.getByText('send'))
    await waitFor(() => expect(text('status')).toBe('streaming'))
    fireEvent.click(screen.getByText('switch'))
    expect([text('status'), text('count')]).toEqual(['ready', '0'])
    await server.untilClosed(1)
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(text('count')).toBe('0')
  })

  it('the reply of a thread given as messages is kept with their ids', async () => {
    let result: ReturnType<typeof useChat> | undefined
    function Seeded() {
      result = useChat({
        client: server.client(),
        request: { model: 'gpt-4o-mini' },
        messages: [
          { role: 'user', content: 'earlier' },
          { role: 'assistant', content: 'You said: earlier' },
        ],
      })
      return null
    }
    render(<Seeded />)
    await act(() => result?.send('now') as Promise<void>)
    expect(result?.messages.map((message) => message.id).slice(0, 2)).toEqual(['init-0', 'init-1'])
    expect((result?.messages[3] as AssistantThreadMessage | undefined)?.content).toBe('You said: now')
  })
})
