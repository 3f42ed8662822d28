import type {
  AssistantThreadMessage,
  ThreadMessage,
  ThreadMessageInit,
  ThreadToolCall,
  ThreadToolCallState,
  UserThreadMessage,
} from './thread-message.js'

/**
 * Gives every message an id (`makeId()` for those without one) and an assistant message its defaults; a thread
 * saved mid-turn is settled as a stop would have left it (see {@link interrupted}).
 */
export function normalizeMessages(
  messages: readonly ThreadMessageInit[],
  makeId: (index: number) => string,
): ThreadMessage[] {
  return messages.map((message, index) => {
    const id = message.id ?? makeId(index)
    if (message.role !== 'assistant') return { id, role: message.role, content: message.content }
    return interrupted({
      reasoning: '',
      refusal: '',
      toolCalls: [],
      state: 'complete',
      ...message,
      id,
    } satisfies AssistantThreadMessage)
  })
}

/** The index of the message with `id`; a `RangeError` naming the action when there is none. */
function indexOf(messages: readonly ThreadMessage[], id: string, action: string): number {
  const index = messages.findIndex((message) => message.id === id)
  if (index < 0) throw new RangeError(`${action}: no message has the id "${id}"`)
  return index
}

/** A `RangeError` naming the action when `content` is blank: the model would get an empty message. */
function expectText(action: string, content: string): void {
  if (!content.trim()) throw new RangeError(`${action}: the message is empty`)
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

const OPEN: readonly ThreadToolCallState[] = ['awaiting-result', 'awaiting-approval']
const ANSWERED: readonly ThreadToolCallState[] = ['done', 'failed', 'denied', 'cancelled']

/** Whether a call still waits for the app (a result or an approval). */
export function isOpen(call: ThreadToolCall): boolean {
  return OPEN.includes(call.state)
}

/**
 * Whether the model can be asked to go on: every call of the last message is answered, and the model took
 * fewer than `maxSteps` replies in a row since the last user message.
 */
export function canContinue(messages: readonly ThreadMessage[], maxSteps: number): boolean {
  const last = messages.at(-1)
  if (last?.role !== 'assistant' || last.toolCalls.length === 0) return false
  if (!last.toolCalls.every((call) => ANSWERED.includes(call.state))) return false
  let steps = 0
  for (let at = messages.length - 1; at >= 0 && messages[at]?.role !== 'user'; at--) steps++
  return steps < maxSteps
}

/**
 * Replaces the call with `toolCallId` (searched from the end) by `change(call)`; the message and the array
 * are new, every other message keeps its identity. A `RangeError` naming `action` when no message has it.
 */
export function updateCall(
  messages: readonly ThreadMessage[],
  toolCallId: string,
  change: (call: ThreadToolCall) => ThreadToolCall,
  action: string,
): ThreadMessage[] {
  for (let at = messages.length - 1; at >= 0; at--) {
    const message = messages[at] as ThreadMessage
    const index =
      message.role === 'assistant' ? message.toolCalls.findIndex((call) => call.id === toolCallId) : -1
    if (index < 0) continue
    const toolCalls = (message as AssistantThreadMessage).toolCalls.slice()
    toolCalls[index] = change(toolCalls[index] as ThreadToolCall)
    const next = messages.slice()
    next[at] = { ...message, toolCalls } as AssistantThreadMessage
    return next
  }
  throw new RangeError(`${action}: no tool call has the id "${toolCallId}"`)
}

/** `message` with the calls that `which` picks marked `cancelled` with `reason`; the same object when none. */
export function cancelCalls(
  message: ThreadMessage,
  which: (call: ThreadToolCall) => boolean,
  reason: string,
): ThreadMessage {
  if (message.role !== 'assistant' || !message.toolCalls.some(which)) return message
  return {
    ...message,
    toolCalls: message.toolCalls.map((call) =>
      which(call) ? { ...call, state: 'cancelled' as const, error: reason } : call,
    ),
  }
}

/**
 * The thread of `send`: the last reply's open calls cancelled (the user spoke instead), then `message`; a
 * `RangeError` when its content is blank or its id is taken.
 */
export function withUserMessage(
  messages: readonly ThreadMessage[],
  message: UserThreadMessage,
): ThreadMessage[] {
  expectText('send', message.content)
  if (messages.some((item) => item.id === message.id)) {
    throw new RangeError(`send: the id "${message.id}" is taken`)
  }
  const last = messages.length - 1
  return [
    ...messages.map((item, at) =>
      at < last
        ? item
        : cancelCalls(item, isOpen, 'The user sent a new message instead of answering this call'),
    ),
    message,
  ]
}

/**
 * The thread of `edit`: the user message `messageId` with its new `content`, and nothing after it; a
 * `RangeError` when the content is blank.
 */
export function editedThread(
  messages: readonly ThreadMessage[],
  messageId: string,
  content: string,
): ThreadMessage[] {
  expectText('edit', content)
  const at = indexOf(messages, messageId, 'edit')
  const message = messages[at] as ThreadMessage
  if (message.role !== 'user') throw new RangeError(`edit: the message "${messageId}" is not a user message`)
  return [...messages.slice(0, at), { ...message, content }]
}

const STOPPED = 'The chat was stopped'

/**
 * The thread after `stop` (or a turn that failed): what streamed kept as a reply (`stopped` unless it says), and
 * the unfinished calls cancelled, with the reason the next request tells the model.
 */
export function stoppedThread(
  messages: readonly ThreadMessage[],
  streamed: AssistantThreadMessage | undefined,
  failed = false,
): ThreadMessage[] {
  const reason = failed ? 'The reply failed before this call finished' : STOPPED
  return [...messages, ...(streamed ? [streamed] : [])].map((message) => interrupted(message, reason))
}

/**
 * `message` as a stop leaves it: a `streaming` reply `stopped`, its `streaming` and `running` calls
 * `cancelled` with `reason`; the same object when nothing changes.
 */
function interrupted(message: ThreadMessage, reason = STOPPED): ThreadMessage {
  const reply = message as AssistantThreadMessage // only a reply has a state and calls
  return cancelCalls(
    reply.state === 'streaming' ? { ...reply, state: 'stopped' } : message,
    (call) => call.state === 'running' || call.state === 'streaming',
    reason,
  )
}
