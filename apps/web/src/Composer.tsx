import { type KeyboardEvent, useId, useRef, useState } from 'react'

/** The message box: Enter sends, Shift+Enter starts a new line; Stop replaces Send while a reply streams. */
export function Composer({
  busy,
  onSend,
  onStop,
}: {
  busy: boolean
  onSend: (text: string) => void
  onStop: () => void
}) {
  const [text, setText] = useState('')
  const id = useId()
  // Send and Stop take each other's place; focus goes back to the box, so that a keyboard is never lost.
  const box = useRef<HTMLTextAreaElement>(null)
  const submit = () => {
    if (busy || text.trim() === '') return
    onSend(text.trim())
    setText('')
    box.current?.focus()
  }
  const stop = () => {
    onStop()
    box.current?.focus()
  }
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault()
      submit()
    }
  }
  return (
    <form
      className="composer"
      onSubmit={(event) => {
        event.preventDefault()
        submit()
      }}
    >
      <label htmlFor={id}>Message</label>
      <textarea
        ref={box}
        id={id}
        value={text}
        rows={2}
        placeholder="Ask something: “What is the local time in Tokyo?”, “Book a table at Chez Nous”, “count to 200”"
        aria-describedby={`${id}-hint`}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={onKeyDown}
      />
      <p id={`${id}-hint`} className="help">
        Enter sends, Shift+Enter starts a new line.
      </p>
      {/* Keyed, so that they are two elements: unkeyed, React would turn the clicked Stop into Send before the
          browser acts on the click, and the click would submit the draft. */}
      {busy ? (
        <button key="stop" type="button" className="stop" onClick={stop}>
          Stop
        </button>
      ) : (
        <button key="send" type="submit" disabled={text.trim() === ''}>
          Send
        </button>
      )}
    </form>
  )
}
