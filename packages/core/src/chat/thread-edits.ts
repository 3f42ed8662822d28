import type { ToolResultInput } from './chat.js'
import type {
  AssistantThreadMessage,
  ThreadMessage,
  ThreadMessageInit,
  ThreadToolCall,
  ThreadToolCallState,
} from './thread-message.js'

/** Gives every message an id (`makeId()` for those without one) and an assistant message its defaults. */
export function normalizeMessages(
  messages: readonly ThreadMessageInit[],
  makeId: (index: number) => string,
): ThreadMessage[] {
  return messages.map((message, index) => {
    const id = message.id ?? makeId(index)
    if (message.role !== 'assistant') return { id, role: message.role, content: message.content }
    return {
      reasoning: '',
      refusal: '',
      toolCalls: [],
      state: 'complete',
      ...message,
      id,
    } satisfies AssistantThreadMessage
  })
}

/** The index of the message with `id`; a `RangeError` naming the action when there is none. */
export function indexOf(messages: readonly ThreadMessage[], id: string, action: string): number {
  const index = messages.findIndex((message) => message.id === id)
  if (index < 0) throw new RangeError(`${action}: no message has the id "${id}"`)
  return index
}

/**
 * The thread a regenerate resends: up to and including the user message that the reply at `index` answers
 * (or the user message at `index` itself); the replies after it go, so that neither message is duplicated.
 */
export function threadBefore(messages: readonly ThreadMessage[], index: number): ThreadMessage[] {
  for (let at = Math.min(index, messages.length - 1); at >= 0; at--) {
    if (messages[at]?.role === 'user') return messages.slice(0, at + 1)
  }
  throw new RangeError('regenerate: there is no user message to answer')
}

const OPEN: readonly ThreadToolCallState[] = ['awaiting-result', 'awaiting-approval']

/** Whether a call still waits for the app (a result or an approval). */
export function isOpen(call: ThreadToolCall): boolean {
  return OPEN.includes(call.state)
}

/** Whether every call of the last message is answered, so the model can be asked to go on. */
export function lastRepliesAnswered(messages: readonly ThreadMessage[]): boolean {
  const last = messages[messages.length - 1]
  if (last?.role !== 'assistant' || last.toolCalls.length === 0) return false
  return last.toolCalls.every(
    (call) => !isOpen(call) && call.state !== 'running' && call.state !== 'streaming',
  )
}

/** How many replies follow the last user message: the steps the model took on its own since. */
export function stepsSinceUser(messages: readonly ThreadMessage[]): number {
  let steps = 0
  for (let at = messages.length - 1; at >= 0 && messages[at]?.role !== 'user'; at--) steps++
  return steps
}

/**
 * Replaces the call with `toolCallId` (searched from the end) by `change(call)`; the message and the array
 * are new, every other message keeps its identity. `undefined` when no message has that call.
 */
export function updateCall(
  messages: readonly ThreadMessage[],
  toolCallId: string,
  change: (call: ThreadToolCall) => ThreadToolCall,
): ThreadMessage[] | undefined {
  for (let at = messages.length - 1; at >= 0; at--) {
    const message = messages[at]
    if (message?.role !== 'assistant') continue
    const index = message.toolCalls.findIndex((call) => call.id === toolCallId)
    if (index < 0) continue
    const toolCalls = message.toolCalls.slice()
    toolCalls[index] = change(toolCalls[index] as ThreadToolCall)
    const next = messages.slice()
    next[at] = { ...message, toolCalls }
    return next
  }
  return undefined
}

/** The last message with its open calls marked `cancelled` with `reason` (the same array when none is open). */
export function cancelOpenCalls(
  messages: readonly ThreadMessage[],
  reason: string,
): readonly ThreadMessage[] {
  const last = messages[messages.length - 1]
  if (last?.role !== 'assistant' || !last.toolCalls.some(isOpen)) return messages
  const toolCalls = last.toolCalls.map((call) =>
    isOpen(call) ? { ...call, state: 'cancelled' as const, error: reason } : call,
  )
  return [...messages.slice(0, -1), { ...last, toolCalls }]
}

/** A call answered by `addToolResult`; a `RangeError` when it is not waiting for a result. */
export function answer(call: ThreadToolCall, input: ToolResultInput): ThreadToolCall {
  if (call.state !== 'awaiting-result' && call.state !== 'awaiting-approval') {
    throw new RangeError(`addToolResult: the tool call "${call.id}" is ${call.state}, not awaiting a result`)
  }
  return 'error' in input
    ? { ...call, state: 'failed', error: input.error }
    : { ...call, state: 'done', result: input.result }
}

/** A message whose running calls are marked `cancelled` (stop during a tool); the same object when none runs. */
export function stopRunningCalls(message: ThreadMessage): ThreadMessage {
  if (message.role !== 'assistant' || !message.toolCalls.some((call) => call.state === 'running'))
    return message
  return {
    ...message,
    toolCalls: message.toolCalls.map((call) =>
      call.state === 'running'
        ? { ...call, state: 'cancelled' as const, error: 'The chat was stopped' }
        : call,
    ),
  }
}
