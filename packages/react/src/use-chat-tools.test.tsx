import { type AssistantThreadMessage, chatTools, tool } from '@chatwire/core'
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { useState } from 'react'
import { afterEach, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { testServer } from './test/emulator.js'
import { useChat } from './use-chat.js'

const server = testServer()
afterEach(cleanup)

const request = { model: 'gpt-4o-mini' }
const parameters = z.object({ location: z.string() })
const text = (id: string) => screen.getByTestId(id).textContent

/** Renders each tool call as `name(state)=result`, and the last reply's text. */
function Calls(props: { messages: readonly { role: string }[] }) {
  const replies = props.messages.filter(
    (message): message is AssistantThreadMessage => message.role === 'assistant',
  )
  return (
    <>
      <p data-testid="calls">
        {replies
          .flatMap((reply) =>
            reply.toolCalls.map((call) => `${call.name}(${call.state})=${String(call.result ?? '')}`),
          )
          .join(' ')}
      </p>
      <p data-testid="answer">{replies.at(-1)?.content}</p>
    </>
  )
}

describe('tools through useChat', () => {
  it('a client tool runs and the chat goes on; the tool is the latest render’s (no stale closure)', async () => {
    function Weather() {
      const [unit, setUnit] = useState('°C')
      const weather = tool({
        name: 'get_weather',
        parameters,
        execute: ({ location }) => `${location}: 22 ${unit}`,
      })
      const { messages, status, send } = useChat({
        client: server.client(),
        request,
        tools: chatTools([weather]),
      })
      return (
        <>
          <button type="button" onClick={() => setUnit('°F')}>
            fahrenheit
          </button>
          <button type="button" onClick={() => void send('weather in Paris')}>
            send
          </button>
          <p data-testid="status">{status}</p>
          <Calls messages={messages} />
        </>
      )
    }
    render(<Weather />)
    fireEvent.click(screen.getByText('fahrenheit'))
    fireEvent.click(screen.getByText('send'))
    await waitFor(() => expect(text('answer')).toMatch(/^Here is what I found/))
    expect(text('calls')).toBe('get_weather(done)=Paris: 22 °F')
    expect(text('status')).toBe('ready')
    expect(server.posts()).toHaveLength(2)
  })

  it('a tool without execute waits for the UI: addToolResult from a button continues the chat', async () => {
    const location = tool({ name: 'get_weather', parameters })
    function Ask() {
      const { messages, send, addToolResult } = useChat({
        client: server.client(),
        request,
        tools: chatTools([location]),
      })
      const last = messages.at(-1)
      const open =
        last?.role === 'assistant'
          ? last.toolCalls.find((call) => call.state === 'awaiting-result')
          : undefined
      return (
        <>
          <button type="button" onClick={() => void send('weather in Paris')}>
            send
          </button>
          {open ? (
            <button type="button" onClick={() => addToolResult({ toolCallId: open.id, result: 'sunny' })}>
              answer
            </button>
          ) : null}
          <Calls messages={messages} />
        </>
      )
    }
    render(<Ask />)
    fireEvent.click(screen.getByText('send'))
    await waitFor(() => expect(text('calls')).toBe('get_weather(awaiting-result)='))
    fireEvent.click(await screen.findByText('answer'))
    await waitFor(() => expect(text('answer')).toMatch(/^Here is what I found/))
    expect(text('calls')).toBe('get_weather(done)=sunny')
    expect(server.posts()).toHaveLength(2)
  })

  it('an approval pending when a new message is sent: the call is cancelled and the new message answered', async () => {
    let ran = 0
    const weather = tool({
      name: 'get_weather',
      parameters,
      execute: () => {
        ran++
        return 'sunny'
      },
    })
    function Approve() {
      const { messages, send } = useChat({
        client: server.client(),
        request,
        tools: chatTools([weather]),
        needsApproval: () => true,
      })
      return (
        <>
          <button type="button" onClick={() => void send('weather in Paris')}>
            ask
          </button>
          <button type="button" onClick={() => void send('Hello instead')}>
            other
          </button>
          <Calls messages={messages} />
        </>
      )
    }
    render(<Approve />)
    fireEvent.click(screen.getByText('ask'))
    await waitFor(() => expect(text('calls')).toBe('get_weather(awaiting-approval)='))
    fireEvent.click(screen.getByText('other'))
    await waitFor(() => expect(text('answer')).toBe('You said: Hello instead'))
    expect(text('calls')).toBe('get_weather(cancelled)=')
    expect(ran).toBe(0)
  })
})
