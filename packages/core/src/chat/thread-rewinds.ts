import type { ThreadMessage } from './thread-message.js'

// The threads of regenerate and edit, loaded with the first of them: a chat that only sends never needs them.

/** The index of the message with `id`; a `RangeError` naming the action when there is none. */
function indexOf(messages: readonly ThreadMessage[], id: string, action: string): number {
  const index = messages.findIndex((message) => message.id === id)
  if (index < 0) throw new RangeError(`${action}: no message has the id "${id}"`)
  return index
}

/**
 * The thread a regenerate resends: up to and including the user message that the reply `messageId` (the last
 * message by default) answers, or that user message itself; the replies after it go, so that neither message
 * is duplicated.
 */
export function threadBefore(messages: readonly ThreadMessage[], messageId?: string): ThreadMessage[] {
  const index = messageId === undefined ? messages.length - 1 : indexOf(messages, messageId, 'regenerate')
  for (let at = index; at >= 0; at--) {
    if (messages[at]?.role === 'user') return messages.slice(0, at + 1)
  }
  throw new RangeError('regenerate: there is no user message to answer')
}

/** The thread of `edit`: the user message `messageId` with its new `content`, and nothing after it. */
export function editedThread(
  messages: readonly ThreadMessage[],
  messageId: string,
  content: string,
): ThreadMessage[] {
  const at = indexOf(messages, messageId, 'edit')
  const message = messages[at] as ThreadMessage
  if (message.role !== 'user') throw new RangeError(`edit: the message "${messageId}" is not a user message`)
  return [...messages.slice(0, at), { ...message, content }]
}
