// `@tanstack/ai-react`: useChat over fetchServerSentEvents('/api/chat'), messages rendered, one input (React external).
import { fetchServerSentEvents, useChat } from '@tanstack/ai-react'
import { useState } from 'react'
import { createRoot } from 'react-dom/client'

function Chat() {
  const { messages, sendMessage, isLoading, stop } = useChat({
    connection: fetchServerSentEvents('/api/chat'),
  })
  const [input, setInput] = useState('')
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault()
        void sendMessage(input)
        setInput('')
      }}
    >
      {messages.map((message) => (
        <p key={message.id}>
          {message.role}: {message.parts.map((part) => (part.type === 'text' ? part.content : '')).join('')}
        </p>
      ))}
      <input value={input} onChange={(event) => setInput(event.target.value)} />
      <button type="submit" disabled={isLoading || input.trim() === ''}>
        Send
      </button>
      <button type="button" disabled={!isLoading} onClick={() => stop()}>
        Stop
      </button>
    </form>
  )
}

const root = document.getElementById('root')
if (root !== null) createRoot(root).render(<Chat />)
