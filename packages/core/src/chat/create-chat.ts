import { type ChatError, IncompleteStreamError } from '../errors.js'
import { parsePartialJson } from '../structured/partial-json.js'
import type { Chat } from './chat.js'
import { ChatBusyError } from './chat-busy-error.js'
import { type ChatLiveOptions, type ChatOptions, DEFAULT_CHAT_MAX_STEPS } from './chat-options.js'
import { type ChatToolsSource, executeCalls, requestTools } from './chat-tools.js'
import { createPublisher } from './publisher.js'
import { createReplyDraft, type ReplyDraft } from './reply-draft.js'
import { requestMessages } from './request-messages.js'
import { type Reply, streamReply } from './stream-reply.js'
import {
  answer,
  cancelOpenCalls,
  indexOf,
  lastRepliesAnswered,
  normalizeMessages,
  stepsSinceUser,
  stopRunningCalls,
  threadBefore,
  updateCall,
} from './thread-edits.js'
import type { ChatSnapshot, ChatStatus, ThreadMessage } from './thread-message.js'

interface Turn {
  readonly controller: AbortController
  draft: ReplyDraft | undefined
}

/**
 * Creates a chat over `options.client`. Construction touches no global (no window, no timer, no connection):
 * a chat may be made during a server render. A chat holds a connection only while a turn streams.
 */
export function createChat(options: ChatOptions): Chat {
  const { client } = options
  let live: ChatLiveOptions = options
  const tools: ChatToolsSource = {
    tools: () => live.tools ?? [],
    needsApproval: (call) => live.needsApproval?.(call) ?? false,
  }
  const maxSteps = () => live.maxSteps ?? DEFAULT_CHAT_MAX_STEPS
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
  let views = 0
  let release: ReturnType<typeof setTimeout> | undefined
  let index: { of: readonly ThreadMessage[]; ids: Map<string, number> } | undefined

  const publisher = createPublisher(publish, () => live.throttle ?? 'frame')

  function publish(): void {
    const draft = turn?.draft
    snapshot = {
      messages: draft === undefined ? settled : settled.concat([draft.toMessage()]),
      status,
      error,
    }
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

  /**
   * Runs a turn: streams a reply (unless it starts with calls to run), runs its client tools, and goes on while
   * every call is answered and the step cap allows; ends `ready`, or `error` with the failure.
   */
  async function run(
    current: Turn,
    thread: readonly ThreadMessage[],
    first: 'stream' | 'tools',
  ): Promise<void> {
    try {
      settle(thread, first === 'stream' ? 'submitted' : 'streaming')
      let stream = first === 'stream'
      while (turn === current) {
        if (stream && !(await streamStep(current))) return
        stream = true
        const last = settled[settled.length - 1]
        if (last?.role === 'assistant') {
          const context = { signal: current.controller.signal, messages: requestMessages(settled) }
          await executeCalls(last, tools, context, (toolCallId, change) => {
            if (turn === current) settle(updateCall(settled, toolCallId, change) ?? settled, status)
          })
        }
        if (turn !== current) return
        if (!lastRepliesAnswered(settled) || stepsSinceUser(settled) >= maxSteps())
          return settle(settled, 'ready')
        settle(settled, 'submitted')
      }
    } finally {
      if (turn === current) {
        turn = undefined
        if (status !== 'error' && status !== 'ready') settle(settled, 'ready')
      }
    }
  }

  /** Streams one reply and settles it; `false` when the turn ends here (stopped, failed, or no tool calls). */
  async function streamStep(current: Turn): Promise<boolean> {
    const reply = await streamOne(current)
    current.draft = undefined
    if (reply === undefined || turn !== current) return false
    const { message } = reply
    if (reply.error !== undefined || message === undefined) {
      const failure = reply.error ?? new IncompleteStreamError('The reply stream ended before any content')
      settle(message === undefined ? settled : [...settled, message], 'error', failure)
      if (message !== undefined) live.onFinish?.({ message, messages: settled })
      live.onError?.(failure)
      return false
    }
    const calls = message.toolCalls.length > 0
    settle([...settled, message], calls ? 'streaming' : 'ready')
    live.onFinish?.({ message, messages: settled })
    return calls
  }

  async function streamOne(current: Turn): Promise<Reply | undefined> {
    const fields = typeof live.request === 'function' ? live.request() : live.request
    const draft = createReplyDraft(makeId(), parsePartialJson)
    const declared = requestTools(tools)
    return streamReply({
      client,
      request: {
        ...fields,
        ...(declared === undefined ? {} : { tools: declared }),
        messages: requestMessages(settled),
      },
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

  function start(
    action: string,
    thread: (current: readonly ThreadMessage[]) => readonly ThreadMessage[],
    first: 'stream' | 'tools' = 'stream',
  ) {
    const current = claim(action)
    let next: readonly ThreadMessage[]
    try {
      next = thread(settled)
    } catch (failure) {
      turn = undefined
      throw failure
    }
    return run(current, next, first)
  }

  function continueIfAnswered(): void {
    if (turn !== undefined || !lastRepliesAnswered(settled) || stepsSinceUser(settled) >= maxSteps()) return
    void start('continuing after a tool result', (current) => current)
  }

  const chat: Chat = {
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
    async respondToApproval({ toolCallId, approved, reason }) {
      const answered = updateCall(settled, toolCallId, (call) => {
        if (call.state !== 'awaiting-approval') {
          throw new RangeError(
            `respondToApproval: the tool call "${call.id}" is ${call.state}, not awaiting approval`,
          )
        }
        return approved
          ? { ...call, state: 'running' }
          : { ...call, state: 'denied', error: reason ?? 'The user denied this call' }
      })
      if (answered === undefined)
        throw new RangeError(`respondToApproval: no tool call has the id "${toolCallId}"`)
      if (!approved) {
        settle(answered, status)
        return continueIfAnswered()
      }
      // Running an approved tool is a turn of its own: busy, stoppable, and it goes on once every call is answered.
      await start('respondToApproval', () => answered, 'tools')
    },
    clearError() {
      if (status === 'error') settle(settled, 'ready')
    },
    setOptions(next) {
      live = { ...live, ...next }
    },
    attach() {
      views++
      clearTimeout(release)
      release = undefined
      let attached = true
      return () => {
        if (!attached) return
        attached = false
        if (--views > 0) return
        release = setTimeout(() => {
          release = undefined
          if (views === 0) chat.stop()
        }, 0)
      }
    },
  }
  return chat
}
