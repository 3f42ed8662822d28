import type { ChatSnapshot, ThreadMessage } from './thread-message.js'

/**
 * `getMessage` of a chat: the streaming message is the last one; the others are found through an index of
 * the settled thread, built once per settled thread (O(1) per lookup while a reply streams).
 */
export function createMessageLookup(
  snapshot: () => ChatSnapshot,
  settled: () => readonly ThreadMessage[],
): (id: string) => ThreadMessage | undefined {
  let index: { of: readonly ThreadMessage[]; ids: Map<string, number> } | undefined
  return (id) => {
    const { messages } = snapshot()
    const last = messages.at(-1)
    if (last?.id === id) return last
    const thread = settled()
    if (index?.of !== thread) index = { of: thread, ids: new Map(thread.map((m, at) => [m.id, at])) }
    const at = index.ids.get(id)
    return at === undefined ? undefined : messages[at]
  }
}
