// The canonical browser use (issue 10): useChat over createFetchClient('/api/chat'), messages rendered, one
// input, send and stop (React external).
import { createFetchClient } from '@chatwire/fetch'
import { useChat } from '@chatwire/react'
import { useState } from 'react'
import { createRoot } from 'react-dom/client'

const client = createFetchClient({ url: '/api/chat' })

function Chat() {
  const { messages, status, error, send, stop } = useChat({ client })
  const [input, setInput] = useState('')
  const busy = status === 'streaming' || status === 'submitted'
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault()
        void send(input)
        setInput('')
      }}
    >
      {messages.map((message) => (
        <p key={message.id}>
          {message.role}: {message.content}
        </p>
      ))}
      {error === undefined ? null : <p role="alert">{error.message}</p>}
      <input value={input} onChange={(event) => setInput(event.target.value)} />
      {/* Two buttons, not one that swaps: a Stop re-rendered as Send inside its click would submit the form. */}
      <button type="submit" disabled={busy || input.trim() === ''}>
        Send
      </button>
      <button type="button" disabled={!busy} onClick={() => stop()}>
        Stop
      </button>
    </form>
  )
}

const root = document.getElementById('root')
if (root !== null) createRoot(root).render(<Chat />)
