// `@ai-sdk/react`: useChat on its default transport (POST /api/chat), messages rendered, one input (React external).
import { useChat } from '@ai-sdk/react'
import { useState } from 'react'
import { createRoot } from 'react-dom/client'

function Chat() {
  const { messages, sendMessage, status, stop } = useChat()
  const [input, setInput] = useState('')
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault()
        void sendMessage({ text: input })
        setInput('')
      }}
    >
      {messages.map((message) => (
        <p key={message.id}>
          {message.role}: {message.parts.map((part) => (part.type === 'text' ? part.text : '')).join('')}
        </p>
      ))}
      <input value={input} onChange={(event) => setInput(event.target.value)} />
      <button type="submit" disabled={status === 'streaming' || input.trim() === ''}>
        Send
      </button>
      <button type="button" disabled={!(status === 'streaming')} onClick={() => void stop()}>
        Stop
      </button>
    </form>
  )
}

const root = document.getElementById('root')
if (root !== null) createRoot(root).render(<Chat />)
