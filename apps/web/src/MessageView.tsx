import type { AssistantThreadMessage, ThreadMessage } from '@chatwire/react'
import { memo, useId, useState } from 'react'
import { ObjectView } from './ObjectView.js'
import { parseStructured } from './structured.js'
import { ToolCard } from './ToolCard.js'

interface MessageViewProps {
  message: ThreadMessage
  /** The last message: the one that streams, announced to screen readers. */
  last: boolean
  busy: boolean
  onEdit: (id: string, content: string) => void
  onRegenerate: (id: string) => void
  /** Confirm (true) or Decline (false) a call that awaits approval. */
  onApproval: (toolCallId: string, approved: boolean) => void
}

/**
 * One message. Memoised: the chat's snapshots share unchanged messages, so a streamed token renders only the
 * streaming message (a 500-message chat stays responsive).
 */
export const MessageView = memo(function MessageView(props: MessageViewProps) {
  const { message } = props
  if (message.role === 'assistant') return <AssistantView {...props} message={message} />
  return <UserView {...props} />
})

function UserView({ message, busy, onEdit }: MessageViewProps) {
  const [draft, setDraft] = useState<string>()
  const id = useId()
  const role = message.role === 'user' ? 'You' : message.role
  return (
    <li className={`message message-${message.role}`}>
      <h3 className="role">{role}</h3>
      {draft === undefined ? (
        <>
          <p className="content">{message.content}</p>
          {message.role === 'user' ? (
            <div className="actions">
              <button type="button" disabled={busy} onClick={() => setDraft(message.content)}>
                Edit
              </button>
            </div>
          ) : null}
        </>
      ) : (
        <form
          className="edit"
          onSubmit={(event) => {
            event.preventDefault()
            if (draft.trim() === '') return
            onEdit(message.id, draft.trim())
            setDraft(undefined)
          }}
        >
          <label htmlFor={id}>Edit message</label>
          <textarea id={id} value={draft} rows={2} onChange={(event) => setDraft(event.target.value)} />
          <button type="submit" disabled={busy}>
            Save and resend
          </button>
          <button type="button" onClick={() => setDraft(undefined)}>
            Cancel
          </button>
        </form>
      )}
    </li>
  )
}

function AssistantView({
  message,
  last,
  busy,
  onRegenerate,
  onApproval,
}: MessageViewProps & { message: AssistantThreadMessage }) {
  const streaming = message.state === 'streaming'
  const structured = message.state === 'complete' ? parseStructured(message.content) : undefined
  return (
    <li className={`message message-assistant state-${message.state}`} data-testid="assistant-message">
      <h3 className="role">Assistant</h3>
      {message.reasoning === '' ? null : (
        <details className="reasoning">
          <summary>Reasoning</summary>
          <p>{message.reasoning}</p>
        </details>
      )}
      {structured === undefined ? (
        <p
          className="content"
          data-testid="reply-text"
          aria-live={last ? 'polite' : undefined}
          aria-busy={last ? streaming : undefined}
        >
          {message.content}
          {message.refusal === '' ? null : <em className="refusal">{message.refusal}</em>}
          {streaming ? <span className="cursor" aria-hidden="true" /> : null}
        </p>
      ) : (
        <div className="structured" data-testid="structured">
          <ObjectView value={structured} />
        </div>
      )}
      {message.toolCalls.map((call) => (
        <ToolCard key={call.id} call={call} onApproval={onApproval} />
      ))}
      {streaming ? null : (
        <footer className="meta">
          <span data-testid="outcome">{outcomeText(message)}</span>
          <span data-testid="usage">{usageText(message)}</span>
          <button type="button" disabled={busy} onClick={() => onRegenerate(message.id)}>
            Regenerate
          </button>
        </footer>
      )}
    </li>
  )
}

function outcomeText(message: AssistantThreadMessage): string {
  if (message.state === 'stopped') return 'stopped'
  const outcome = message.outcome
  if (outcome === undefined) return message.state
  if (outcome.type === 'error') return `error: ${outcome.error.name}`
  if (outcome.type === 'incomplete') return `incomplete (${outcome.reason})`
  if (outcome.type === 'other') return outcome.finishReason
  return outcome.type
}

function usageText(message: AssistantThreadMessage): string {
  const usage = message.outcome?.completion.usage
  return usage ? `${usage.prompt_tokens} prompt + ${usage.completion_tokens} completion tokens` : ''
}
