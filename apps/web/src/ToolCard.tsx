import type { ThreadToolCall } from '@chatwire/react'

const STATE_TEXT: Record<ThreadToolCall['state'], string> = {
  streaming: 'arguments streaming…',
  running: 'running…',
  'awaiting-result': 'waiting for a result',
  'awaiting-approval': 'waiting for your answer',
  done: 'done',
  failed: 'failed',
  denied: 'declined',
  cancelled: 'cancelled',
}

/** A tool call: its name, where it stands, its arguments as they stream, and its result. */
export function ToolCard({
  call,
  onApproval,
}: {
  call: ThreadToolCall
  /** Confirm (true) or Decline (false), for a call that awaits approval. */
  onApproval: (toolCallId: string, approved: boolean) => void
}) {
  const asks = call.state === 'awaiting-approval'
  return (
    <section className={`tool-card tool-${call.state}`} aria-label={`Tool call ${call.name}`}>
      <header>
        <code>{call.name}</code>{' '}
        <span className="badge" data-testid="tool-state">
          {STATE_TEXT[call.state]}
        </span>
      </header>
      <h4 className="tool-label">Arguments</h4>
      <pre className="tool-args">{call.arguments || ' '}</pre>
      {asks ? (
        <fieldset className="confirm">
          <legend>Run {call.name} with these arguments?</legend>
          <button type="button" onClick={() => onApproval(call.id, true)}>
            Confirm
          </button>
          <button type="button" onClick={() => onApproval(call.id, false)}>
            Decline
          </button>
        </fieldset>
      ) : null}
      {call.state === 'done' ? (
        <>
          <h4 className="tool-label">Result</h4>
          <pre className="tool-result">{JSON.stringify(call.result, null, 2)}</pre>
        </>
      ) : null}
      {call.error === undefined ? null : <p className="tool-error">{call.error}</p>}
    </section>
  )
}
