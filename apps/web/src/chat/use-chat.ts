// TEMPORARY stand-in for `useChat` from @chatwire/react until that package is in main; same shape, same store.
import { type ChatOptions, createChat } from '@chatwire/core'
import { useEffect, useState, useSyncExternalStore } from 'react'

export function useChat(options: ChatOptions) {
  const [chat] = useState(() => createChat(options))
  useEffect(() => {
    chat.setOptions({ request: options.request, callOptions: options.callOptions })
  })
  const snapshot = useSyncExternalStore(chat.subscribe, chat.getSnapshot, chat.getSnapshot)
  return { ...snapshot, chat, ...chat }
}
