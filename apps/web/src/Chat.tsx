import { createFetchClient } from '@chatwire/fetch'
import { useEffect, useRef, useState } from 'react'
import { Composer } from './Composer.js'
import { useChat } from './chat/use-chat.js'
import { longChat } from './long-chat.js'
import { MessageView } from './MessageView.js'
import { requestFields, requestHeaders, type Settings } from './settings.js'
import { useBrowserTools } from './use-browser-tools.js'

// The route relays with toSSEResponse; the key stays on the server.
const client = createFetchClient({ url: '/api/chat' })

/** The conversation: messages, the composer, the error with its retry, and a live status for screen readers. */
export function Chat({ settings, onTurnEnd }: { settings: Settings; onTurnEnd: () => void }) {
  const { messages, status, error, send, stop, regenerate, edit, addToolResult, setMessages } = useChat({
    client,
    request: requestFields(settings),
    callOptions: { headers: requestHeaders(settings) },
  })
  const busy = status === 'submitted' || status === 'streaming'
  useBrowserTools(messages, addToolResult)
  useTurnEnd(busy, onTurnEnd)
  const list = useStickToBottom(messages)
  const last = messages.at(-1)
  const [failure, setFailure] = useState<string>()
  const act = (action: () => Promise<void>) => {
    setFailure(undefined)
    action().catch((caught: unknown) => setFailure(caught instanceof Error ? caught.message : String(caught)))
  }

  return (
    <section className="chat" aria-label="Chat">
      <div className="toolbar">
        <button type="button" disabled={busy} onClick={() => setMessages(longChat(500))}>
          Load a long chat (500 messages)
        </button>
        <button type="button" disabled={busy || messages.length === 0} onClick={() => setMessages([])}>
          Clear
        </button>
      </div>
      <ol className="messages" ref={list} aria-label="Messages">
        {messages.map((message) => (
          <MessageView
            key={message.id}
            message={message}
            last={message === last}
            busy={busy}
            onEdit={(id, content) => act(() => edit(id, content))}
            onRegenerate={(id) => act(() => regenerate(id))}
            onToolResult={addToolResult}
          />
        ))}
      </ol>
      {status === 'submitted' ? (
        <p className="pending" aria-hidden="true">
          Waiting for the first token…
        </p>
      ) : null}
      {status === 'error' && error !== undefined ? (
        <div className="error" role="alert">
          <p>
            <strong>{error.name}</strong>: {error.message}
            {last?.role === 'assistant' && last.content !== '' ? ' (the partial reply is kept above)' : ''}
          </p>
          <button type="button" onClick={() => act(() => regenerate())}>
            Retry
          </button>
        </div>
      ) : null}
      {failure === undefined ? null : (
        <p className="error" role="alert">
          {failure}
        </p>
      )}
      <p className="visually-hidden" role="status">
        {statusText(status, last)}
      </p>
      <Composer busy={busy} onSend={(text) => act(() => send(text))} onStop={stop} />
    </section>
  )
}

function statusText(
  status: string,
  last: ReturnType<typeof useChat>['messages'][number] | undefined,
): string {
  if (status === 'submitted') return 'Sent. Waiting for the reply.'
  if (status === 'streaming') return 'The assistant is replying.'
  if (status === 'error') return 'The reply failed.'
  if (last?.role === 'assistant') return last.state === 'stopped' ? 'Reply stopped.' : 'Reply finished.'
  return ''
}

/** Calls `onEnd` each time a turn ends (busy → not busy). */
function useTurnEnd(busy: boolean, onEnd: () => void) {
  const was = useRef(busy)
  useEffect(() => {
    if (was.current && !busy) onEnd()
    was.current = busy
  })
}

/** Keeps the list scrolled to its end while new text arrives, unless the person scrolled up to read. */
function useStickToBottom(messages: readonly unknown[]) {
  const ref = useRef<HTMLOListElement>(null)
  const stick = useRef(true)
  useEffect(() => {
    const list = ref.current
    if (list === null) return
    const onScroll = () => {
      stick.current = list.scrollHeight - list.scrollTop - list.clientHeight < 48
    }
    list.addEventListener('scroll', onScroll, { passive: true })
    return () => list.removeEventListener('scroll', onScroll)
  }, [])
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new snapshot of the messages is the trigger.
  useEffect(() => {
    const list = ref.current
    if (list !== null && stick.current) list.scrollTop = list.scrollHeight
  }, [messages])
  return ref
}
