// @vitest-environment node
import { createChat } from '@chatwire/core'
import { createFetchClient } from '@chatwire/fetch'
import { renderToString } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { useChat } from './use-chat.js'
import { useChatMessage, useChatSelector } from './use-chat-selector.js'

const messages = [
  { role: 'user' as const, content: 'Hello there' },
  { role: 'assistant' as const, content: 'You said: Hello there' },
]

function Thread() {
  // A relative URL, as in a browser app: it is resolved only when a request is sent, never on the server.
  const { messages: thread, status } = useChat({ client: createFetchClient({ url: '/api/chat' }), messages })
  return (
    <ol data-status={status}>
      {thread.map((message) => (
        <li key={message.id} id={message.id}>
          {message.content}
        </li>
      ))}
    </ol>
  )
}

describe('server rendering', () => {
  it('renders the initial thread with deterministic ids, touching no window and sending nothing', () => {
    expect(typeof (globalThis as { window?: unknown }).window).toBe('undefined')
    const html = renderToString(<Thread />)
    expect(html).toBe(
      '<ol data-status="ready"><li id="init-0">Hello there</li><li id="init-1">You said: Hello there</li></ol>',
    )
  })

  it('the selector hooks render from the server snapshot', () => {
    const chat = createChat({ client: createFetchClient({ url: '/api/chat' }), messages })
    function Row() {
      const count = useChatSelector(chat, (snapshot) => snapshot.messages.length)
      const first = useChatMessage(chat, 'init-0')
      return <p>{`${count}: ${first?.content}`}</p>
    }
    expect(renderToString(<Row />)).toBe('<p>2: Hello there</p>')
  })
})
