import { type MessageView, messageText } from '../chat-request.js'

/** The last user message's text, without directives and outer whitespace. */
export function lastUserText(messages: readonly MessageView[]): string {
  for (let i = messages.length - 1; i >= 0; i--) {
    const message = messages[i]
    if (message?.role === 'user') return stripDirectives(messageText(message))
  }
  return ''
}

/** `[[…]]` directives (faults, `[[model:…]]`) are instructions to the emulator, not words to answer. */
export function stripDirectives(text: string): string {
  let kept = ''
  let from = 0
  for (const directive of scanDirectives(text)) {
    kept += `${text.slice(from, directive.start)} `
    from = directive.end
  }
  return (kept + text.slice(from)).replace(/\s+/g, ' ').trim()
}

/** A `[[…]]` directive: what is between the brackets, and where the whole of it starts and ends. */
export interface Directive {
  body: string
  start: number
  end: number
}

/**
 * The `[[…]]` directives of a text (no `]` inside), in one pass. A regular expression such as
 * `/\[\[[^\]]*\]\]/g` takes quadratic time on a text of many `[[` and no `]]` (200 KB: 46 s), so a user's
 * message is scanned by hand: from an opening `[[`, the first `]` either closes it (`]]`) or rules out every
 * opening before it.
 */
export function* scanDirectives(text: string): Generator<Directive> {
  let from = 0
  while (true) {
    const start = text.indexOf('[[', from)
    if (start === -1) return
    const close = text.indexOf(']', start + 2)
    if (close === -1) return
    if (text[close + 1] === ']') {
      yield { body: text.slice(start + 2, close), start, end: close + 2 }
      from = close + 2
    } else {
      from = close + 1
    }
  }
}

/** The tool messages at the end of the conversation (the results the model must now use), oldest first. */
export function trailingToolMessages(messages: readonly MessageView[]): MessageView[] {
  const results: MessageView[] = []
  for (let i = messages.length - 1; i >= 0; i--) {
    const message = messages[i]
    if (message?.role !== 'tool') break
    results.unshift(message)
  }
  return results
}
