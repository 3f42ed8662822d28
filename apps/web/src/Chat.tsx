import { createFetchClient } from '@chatwire/fetch'
import { type ThreadMessage, useChat } from '@chatwire/react'
import { memo, useCallback, useEffect, useRef, useState } from 'react'
import { Composer } from './Composer.js'
import { DEMO_TOOLS, needsApproval } from './demo-tools.js'
import { longChat } from './long-chat.js'
import { MessageView } from './MessageView.js'
import { requestFields, requestHeaders, type Settings } from './settings.js'

// The route relays with toSSEResponse; the key stays on the server.
const client = createFetchClient({ url: '/api/chat' })

/** The conversation: messages, the composer, the error with its retry, and a live status for screen readers. */
export function Chat({ settings, onTurnEnd }: { settings: Settings; onTurnEnd: () => void }) {
  const { messages, status, error, send, stop, regenerate, edit, setMessages, respondToApproval } = useChat({
    client,
    request: requestFields(settings),
    callOptions: { headers: requestHeaders(settings) },
    // get_local_time runs here as soon as its call is complete; book_table waits for Confirm.
    tools: settings.tools ? DEMO_TOOLS : undefined,
    needsApproval,
  })
  const busy = status === 'submitted' || status === 'streaming'
  useTurnEnd(busy, onTurnEnd)
  const list = useStickToBottom(messages)
  const last = messages.at(-1)
  const [failure, setFailure] = useState<string>()
  const act = useCallback((action: () => Promise<void>) => {
    setFailure(undefined)
    action().catch((caught: unknown) => setFailure(caught instanceof Error ? caught.message : String(caught)))
  }, [])
  // Stable, so that the memoised messages that did not change do not render again for every token.
  const onEdit = useCallback((id: string, content: string) => act(() => edit(id, content)), [act, edit])
  const onRegenerate = useCallback((id: string) => act(() => regenerate(id)), [act, regenerate])
  const onApproval = useCallback(
    (toolCallId: string, approved: boolean) =>
      act(() =>
        respondToApproval({ toolCallId, approved, reason: approved ? undefined : 'The user declined' }),
      ),
    [act, respondToApproval],
  )

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
        <EarlierMessages
          messages={messages.slice(0, -1)}
          busy={busy}
          onEdit={onEdit}
          onRegenerate={onRegenerate}
          onApproval={onApproval}
        />
        {last === undefined ? null : (
          <MessageView
            key={last.id}
            message={last}
            last
            busy={busy}
            onEdit={onEdit}
            onRegenerate={onRegenerate}
            onApproval={onApproval}
          />
        )}
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

type RowsProps = Omit<Parameters<typeof MessageView>[0], 'message' | 'last'> & {
  messages: readonly ThreadMessage[]
}

/**
 * Every message but the last, rendered again only when one of them (or an action, or `busy`) changed: a
 * streamed token changes only the last message, so a 500-message chat costs one row per token, not 500.
 */
const EarlierMessages = memo(
  function EarlierMessages({ messages, ...rest }: RowsProps) {
    return messages.map((message) => (
      <MessageView key={message.id} message={message} last={false} {...rest} />
    ))
  },
  (before, after) =>
    before.busy === after.busy &&
    before.onEdit === after.onEdit &&
    before.onRegenerate === after.onRegenerate &&
    before.onApproval === after.onApproval &&
    before.messages.length === after.messages.length &&
    before.messages.every((message, index) => message === after.messages[index]),
)

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
