import { type MessageView, messageText } from '../chat-request.js'

/** `[[…]]` directives (fault triggers) are instructions to the emulator, not words to answer. */
const DIRECTIVE = /\[\[[^\]]*\]\]/g

/** The last user message's text, without directives and outer whitespace. */
export function lastUserText(messages: readonly MessageView[]): string {
  for (let i = messages.length - 1; i >= 0; i--) {
    const message = messages[i]
    if (message?.role === 'user') return stripDirectives(messageText(message))
  }
  return ''
}

export function stripDirectives(text: string): string {
  return text.replace(DIRECTIVE, ' ').replace(/\s+/g, ' ').trim()
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
