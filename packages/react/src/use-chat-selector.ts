import type { Chat, ChatSnapshot, ThreadMessage } from '@chatwire/core'
import { useCallback, useSyncExternalStore } from 'react'

/**
 * A slice of a chat's snapshot: the component re-renders only when the slice changes (`Object.is`). Return a
 * primitive or an object taken from the snapshot (`s.status`, `s.messages.length`, `s.messages`), never a new
 * object or array built in the selector: that would change on every publish.
 */
export function useChatSelector<Slice>(chat: Chat, select: (snapshot: ChatSnapshot) => Slice): Slice {
  const read = () => select(chat.getSnapshot())
  return useSyncExternalStore(chat.subscribe, read, read)
}

/**
 * One message of a chat by id, for a row of a long list: the row re-renders only when its own message
 * changes, so while a reply streams only the streaming row does. `undefined` once the message is gone.
 */
export function useChatMessage(chat: Chat, id: string): ThreadMessage | undefined {
  const read = useCallback(() => chat.getMessage(id), [chat, id])
  return useSyncExternalStore(chat.subscribe, read, read)
}
