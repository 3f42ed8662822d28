import { type ChatError, IncompleteStreamError } from '../errors.js'
import { ChatBusyError } from './chat-busy-error.js'
import { type ChatLiveOptions, type ChatOptions, DEFAULT_MAX_STEPS } from './chat-options.js'
import { createPublisher } from './publisher.js'
import { createReplyDraft, type ReplyDraft } from './reply-draft.js'
import { requestMessages } from './request-messages.js'
import { runToolCalls } from './run-tool-calls.js'
import { type Reply, streamReply } from './stream-reply.js'
import {
  cancelOpenCalls,
  indexOf,
  lastRepliesAnswered,
  normalizeMessages,
  stepsSinceUser,
  threadBefore,
  updateCall,
} from './thread-edits.js'
import type {
  ChatSnapshot,
  ChatStatus,
  ThreadMessage,
  ThreadMessageInit,
  ThreadToolCall,
} from './thread-message.js'
import { NO_TOOLS, type ToolSeam } from './tool-seam.js'

/** What `send` takes: the text, or a message with its own id. */
export type SendInput = string | { content: string; id?: string | undefined }

/** The answer to a call that waits for one: its result, or why it failed. */
export type ToolResultInput = { toolCallId: string; result: unknown } | { toolCallId: string; error: string }

/**
 * A chat: the thread, its status and error, and the actions on them. Framework-free: a binding subscribes
 * and reads `getSnapshot()` (immutable and structurally shared: a streamed token replaces only the streaming
 * message and the array).
 */
export interface Chat {
  readonly id: string
  /** The published snapshot; the same object until the next publish. */
  getSnapshot(): ChatSnapshot
  /** Calls `listener` after each publish; returns the function that unsubscribes it. */
  subscribe(listener: () => void): () => void
  /** The message with `id` in the published snapshot (O(1)). */
  getMessage(id: string): ThreadMessage | undefined
  /**
   * Adds a user message and streams the reply (and the tool steps after it). Resolves when the turn ends,
   * however it ended (failures are in the snapshot and go to `onError`). Rejects with {@link ChatBusyError},
   * adding nothing, while a turn runs. Open tool calls of the last reply are cancelled first (see README).
   */
  send(input: SendInput): Promise<void>
  /** Aborts the running turn at once: what streamed stays, marked `stopped`; status `ready`. */
  stop(): void
  /** Streams a new reply to the user message that `messageId` answers (or is); the last one by default. */
  regenerate(messageId?: string): Promise<void>
  /** Replaces the content of the user message `messageId` (same id), drops what follows, and resends. */
  edit(messageId: string, content: string): Promise<void>
  /** Replaces the thread (between turns; {@link ChatBusyError} during one). */
  setMessages(
    messages:
      | readonly ThreadMessageInit[]
      | ((current: readonly ThreadMessage[]) => readonly ThreadMessageInit[]),
  ): void
  /** Answers a call that awaits its result; once every call of the reply is answered, the chat goes on. */
  addToolResult(input: ToolResultInput): void
  /** Sets status back to `ready` after an error; the messages stay. */
  clearError(): void
  /** Replaces the live options (callbacks, request fields, throttle, maxSteps) for what happens next. */
  setOptions(options: ChatLiveOptions): void
}

interface Turn {
  readonly controller: AbortController
  draft: ReplyDraft | undefined
}

/**
 * Creates a chat over `options.client`. Construction touches no global (no window, no timer, no connection):
 * a chat may be made during a server render. A chat holds a connection only while a turn streams.
 */
export function createChat(options: ChatOptions, tools: ToolSeam = NO_TOOLS): Chat {
  const { client } = options
  let live: ChatLiveOptions = options
  const makeId = options.generateId ?? (() => globalThis.crypto.randomUUID())
  const id = options.id ?? makeId()

  // `settled` is the thread without the streaming reply; the published snapshot adds the draft's message.
  let settled: readonly ThreadMessage[] = normalizeMessages(
    options.messages ?? [],
    (index) => `init-${index}`,
  )
  let status: ChatStatus = 'ready'
  let error: ChatError | undefined
  let turn: Turn | undefined
  let snapshot: ChatSnapshot = { messages: settled, status, error }
  const listeners = new Set<() => void>()
  let index: { of: readonly ThreadMessage[]; ids: Map<string, number> } | undefined

  const publisher = createPublisher(publish, () => live.throttle ?? 'frame')

  function publish(): void {
    const draft = turn?.draft
    const messages = draft === undefined ? settled : [...settled, draft.toMessage()]
    snapshot = { messages, status, error }
    for (const listener of listeners) listener()
  }

  function settle(messages: readonly ThreadMessage[], nextStatus: ChatStatus, nextError?: ChatError): void {
    settled = messages
    status = nextStatus
    error = nextError
    publisher.now()
  }

  function claim(action: string): Turn {
    if (turn !== undefined) throw new ChatBusyError(action)
    const claimed: Turn = { controller: new AbortController(), draft: undefined }
    turn = claimed
    return claimed
  }

  async function run(current: Turn, thread: readonly ThreadMessage[]): Promise<void> {
    try {
      settle(thread, 'submitted')
      while (turn === current) {
        const reply = await streamOne(current)
        current.draft = undefined
        if (reply === undefined || turn !== current) return
        const { message } = reply
        if (reply.error !== undefined || message === undefined) {
          const failure =
            reply.error ?? new IncompleteStreamError('The reply stream ended before any content')
          settle(message === undefined ? settled : [...settled, message], 'error', failure)
          if (message !== undefined) live.onFinish?.({ message, messages: settled })
          live.onError?.(failure)
          return
        }
        settle([...settled, message], message.toolCalls.length > 0 ? 'streaming' : 'ready')
        live.onFinish?.({ message, messages: settled })
        if (message.toolCalls.length === 0) return
        await runToolCalls(message, tools, current.controller.signal, (toolCallId, change) => {
          if (turn === current) settle(updateCall(settled, toolCallId, change) ?? settled, status)
        })
        if (turn !== current) return
        if (
          !lastRepliesAnswered(settled) ||
          stepsSinceUser(settled) >= (live.maxSteps ?? DEFAULT_MAX_STEPS)
        ) {
          return settle(settled, 'ready')
        }
        settle(settled, 'submitted')
      }
    } finally {
      if (turn === current) {
        turn = undefined
        if (status !== 'error' && status !== 'ready') settle(settled, 'ready')
      }
    }
  }

  async function streamOne(current: Turn): Promise<Reply | undefined> {
    const fields = typeof live.request === 'function' ? live.request() : live.request
    const draft = createReplyDraft(makeId(), (text) => tools.partialInput(text))
    return streamReply({
      client,
      request: { ...fields, ...tools.requestFields(), messages: requestMessages(settled) },
      callOptions: live.callOptions,
      signal: current.controller.signal,
      draft,
      tools,
      isCurrent: () => turn === current,
      onDelta(first) {
        if (first) {
          current.draft = draft
          status = 'streaming'
          publisher.now()
        } else publisher.soon()
      },
    })
  }

  function start(action: string, thread: (current: readonly ThreadMessage[]) => readonly ThreadMessage[]) {
    const current = claim(action)
    let next: readonly ThreadMessage[]
    try {
      next = thread(settled)
    } catch (failure) {
      turn = undefined
      throw failure
    }
    return run(current, next)
  }

  function continueIfAnswered(): void {
    if (turn !== undefined || !lastRepliesAnswered(settled)) return
    if (stepsSinceUser(settled) >= (live.maxSteps ?? DEFAULT_MAX_STEPS)) return
    void start('continuing after a tool result', (current) => current)
  }

  return {
    id,
    getSnapshot: () => snapshot,
    subscribe(listener) {
      listeners.add(listener)
      return () => {
        listeners.delete(listener)
      }
    },
    getMessage(messageId) {
      const { messages } = snapshot
      const last = messages[messages.length - 1]
      if (last?.id === messageId) return last
      if (index?.of !== settled) index = { of: settled, ids: new Map(settled.map((m, at) => [m.id, at])) }
      const at = index.ids.get(messageId)
      return at === undefined ? undefined : messages[at]
    },
    async send(input) {
      const message = typeof input === 'string' ? { content: input } : input
      await start('send', (current) => [
        ...cancelOpenCalls(current, 'The user sent a new message instead of answering this call'),
        { id: message.id ?? makeId(), role: 'user', content: message.content },
      ])
    },
    stop() {
      const current = turn
      if (current === undefined) return
      turn = undefined
      current.controller.abort(new DOMException('The chat was stopped', 'AbortError'))
      const draft = current.draft
      current.draft = undefined
      const stopped = draft === undefined ? [] : [{ ...draft.toMessage(), state: 'stopped' as const }]
      const messages = [...settled, ...stopped].map((message) => stopRunningCalls(message))
      settle(messages, 'ready')
    },
    async regenerate(messageId) {
      await start('regenerate', (current) =>
        threadBefore(
          current,
          messageId === undefined ? current.length - 1 : indexOf(current, messageId, 'regenerate'),
        ),
      )
    },
    async edit(messageId, content) {
      await start('edit', (current) => {
        const at = indexOf(current, messageId, 'edit')
        const message = current[at]
        if (message?.role !== 'user')
          throw new RangeError(`edit: the message "${messageId}" is not a user message`)
        return [...current.slice(0, at), { ...message, content }]
      })
    },
    setMessages(messages) {
      if (turn !== undefined) throw new ChatBusyError('setMessages')
      const next = typeof messages === 'function' ? messages(settled) : messages
      settle(
        normalizeMessages(next, () => makeId()),
        status === 'error' ? 'ready' : status,
      )
    },
    addToolResult(input) {
      const answered = updateCall(settled, input.toolCallId, (call) => answer(call, input))
      if (answered === undefined)
        throw new RangeError(`addToolResult: no tool call has the id "${input.toolCallId}"`)
      settle(answered, status)
      continueIfAnswered()
    },
    clearError() {
      if (status === 'error') settle(settled, 'ready')
    },
    setOptions(next) {
      live = { ...live, ...next }
    },
  }
}

function answer(call: ThreadToolCall, input: ToolResultInput): ThreadToolCall {
  if (call.state !== 'awaiting-result' && call.state !== 'awaiting-approval') {
    throw new RangeError(`addToolResult: the tool call "${call.id}" is ${call.state}, not awaiting a result`)
  }
  return 'error' in input
    ? { ...call, state: 'failed', error: input.error }
    : { ...call, state: 'done', result: input.result }
}

/** A message whose running calls are marked `cancelled` (stop during a tool); the same object when none runs. */
function stopRunningCalls(message: ThreadMessage): ThreadMessage {
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
