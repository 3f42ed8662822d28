import { type Chat, type ChatOptions, type ChatSnapshot, createChat } from '@chatwire/core'
import { useEffect, useId, useInsertionEffect, useMemo, useState, useSyncExternalStore } from 'react'

/** The options of {@link useChat}: those of `createChat` (`client`, `id`, `messages`, `request`, callbacks, …). */
export type UseChatOptions = ChatOptions

/** What {@link useChat} returns: the snapshot's fields, the chat's actions, and the chat itself (for rows). */
export interface UseChatResult extends ChatSnapshot {
  readonly chat: Chat
  readonly id: string
  readonly send: Chat['send']
  readonly stop: Chat['stop']
  readonly regenerate: Chat['regenerate']
  readonly edit: Chat['edit']
  readonly setMessages: Chat['setMessages']
  readonly addToolResult: Chat['addToolResult']
  readonly respondToApproval: Chat['respondToApproval']
  readonly clearError: Chat['clearError']
}

function isChat(input: UseChatOptions | Chat): input is Chat {
  return typeof (input as Partial<Chat>).getSnapshot === 'function'
}

/**
 * Binds a chat to the component. Given options, the component owns a chat, made once (inline options do not
 * rebuild it; a new `id` makes a new chat; without one, React's `useId()`, the same on server and client) and
 * stopped when its effects are cleaned up, except by StrictMode's replay. Callbacks, request fields and the other
 * live options are read from the latest render; `client`, `messages` and `generateId` once. Given a `Chat` (from
 * `createChat`), it shares that one: every component passed it shows the same thread, and unmounting one leaves
 * it running.
 */
export function useChat(input: UseChatOptions | Chat): UseChatResult {
  const given = isChat(input) ? input : undefined
  const options = given === undefined ? (input as UseChatOptions) : undefined
  // Without an id, React's: the same on the server and in the browser, so that a rendered id hydrates.
  const fallbackId = useId()
  const [owned, setOwned] = useState(() =>
    options === undefined ? undefined : ownedChat(options, fallbackId),
  )
  let chat = given ?? owned?.chat
  if (options !== undefined && (owned === undefined || owned.key !== options.id)) {
    // A new id is another chat: made during this render, kept by the state update React applies at once.
    const next = ownedChat(options, fallbackId)
    setOwned(next)
    chat = next.chat
  }
  const current = chat as Chat

  // Before any effect or event handler of this commit runs, so that they see this render's callbacks.
  useInsertionEffect(() => {
    if (options === undefined) return
    current.setOptions({
      request: options.request,
      callOptions: options.callOptions,
      throttle: options.throttle,
      maxSteps: options.maxSteps,
      tools: options.tools,
      needsApproval: options.needsApproval,
      onFinish: options.onFinish,
      onError: options.onError,
    })
  })

  useEffect(() => (given === undefined ? current.attach() : undefined), [current, given])

  const snapshot = useSyncExternalStore(current.subscribe, current.getSnapshot, current.getSnapshot)
  // The chat's own functions (its id and actions, and the rest of the store): none of them uses `this`.
  return useMemo(() => ({ ...snapshot, ...current, chat: current }), [snapshot, current])
}

function ownedChat(options: UseChatOptions, fallbackId: string): { key: string | undefined; chat: Chat } {
  return { key: options.id, chat: createChat({ ...options, id: options.id ?? fallbackId }) }
}
