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
      {status === 'streaming' || status === 'submitted' ? (
        <button type="button" onClick={() => stop()}>
          Stop
        </button>
      ) : (
        <button type="submit">Send</button>
      )}
    </form>
  )
}

const root = document.getElementById('root')
if (root !== null) createRoot(root).render(<Chat />)
