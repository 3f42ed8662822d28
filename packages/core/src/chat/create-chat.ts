import type { ChatError } from '../errors.js'
import { lazy } from '../lazy.js'
import { followUpToolChoice } from '../tools/follow-up-tool-choice.js'
import type { Chat } from './chat.js'
import { ChatBusyError } from './chat-busy-error.js'
import { type ChatLiveOptions, type ChatOptions, DEFAULT_CHAT_MAX_STEPS } from './chat-options.js'
import { createMessageLookup } from './message-lookup.js'
import { createPublisher } from './publisher.js'
import { randomId } from './random-id.js'
import { createReplyDraft, type ReplyDraft } from './reply-draft.js'
import { requestMessages } from './request-messages.js'
import { streamReply, type ToolCallCode } from './stream-reply.js'
import {
  canContinue,
  editedThread,
  normalizeMessages,
  stoppedThread,
  threadBefore,
  updateCall,
  withUserMessage,
} from './thread-edits.js'
import type { AssistantThreadMessage, ChatSnapshot, ChatStatus, ThreadMessage } from './thread-message.js'
import { answer, approve } from './tool-answers.js'
import { turnFailure } from './turn-failure.js'
import { createViewHold } from './view-hold.js'

/**
 * Calls one of the app's callbacks. What it throws is reported as an unhandled rejection (as TanStack Query
 * does with a throwing `onError`): the turn and its tool steps go on as if it had returned.
 */
function notify<Value>(callback: ((value: Value) => void) | undefined, value: Value): void {
  try {
    callback?.(value)
  } catch (thrown) {
    void Promise.reject(thrown)
  }
}

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
  const makeId = options.generateId ?? randomId

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
  /** What shows and plans a reply's tool calls: loaded with the chat's first tool call, then kept. */
  const toolCallCode = lazy(() => import('./reply-tool-calls.js'))

  const publisher = createPublisher(
    () => {
      const draft = turn?.draft
      snapshot = { messages: draft ? settled.concat([draft.toMessage()]) : settled, status, error }
      // A listener that throws (a view's bug) does not keep the others from this snapshot, nor break the turn.
      for (const listener of listeners) notify(listener, undefined)
    },
    () => live.throttle ?? 'frame',
  )

  function settle(messages: readonly ThreadMessage[], nextStatus = status, nextError?: ChatError): void {
    settled = messages
    status = nextStatus
    error = nextError
    // `ready` and `error` say no turn runs: the turn is released before they are heard, so that a subscriber or
    // a callback that acts on them (answers a waiting call, sends, regenerates) starts a turn of its own.
    if (nextStatus === 'ready' || nextStatus === 'error') turn = undefined
    publisher.now()
  }

  const goesOn = () => canContinue(settled, live.maxSteps ?? DEFAULT_CHAT_MAX_STEPS)

  /**
   * Claims the chat for a turn from `thread` and runs it: streams a reply (unless it starts with calls to run),
   * runs its client tools, and goes on while every call is answered and the step cap allows; ends `ready`, or
   * `error` with the failure.
   */
  async function run(thread: readonly ThreadMessage[], stream: boolean): Promise<void> {
    const current: Turn = { controller: new AbortController(), draft: undefined }
    turn = current
    try {
      settle(thread, stream ? 'submitted' : 'streaming')
      while (turn === current) {
        if (stream && !(await streamStep(current))) return
        stream = true
        // Runs the reply's calls, again while it changed meanwhile: an approval given while they ran adds one.
        let ran: ThreadMessage | undefined
        let last = settled.at(-1)
        while (turn === current && last !== ran && last?.role === 'assistant') {
          ran = last
          const context = {
            signal: current.controller.signal,
            messages: requestMessages(settled),
            redact: (text: string) => client.redact?.(text, live.callOptions) ?? text,
          }
          await live.tools?.execute(last, context, (toolCallId, change) => {
            if (turn === current) settle(updateCall(settled, toolCallId, change, 'runTools'))
          })
          last = settled.at(-1)
        }
        if (turn !== current) return
        if (!goesOn()) return settle(settled, 'ready')
        settle(settled, 'submitted')
      }
    } catch (thrown) {
      // Ends as a failed request does (status `error`, the thread and what streamed kept, `incomplete`), not with
      // a `send` that rejects after the user's message was added: every failure of a turn is in the snapshot.
      if (turn === current) {
        const { draft } = current
        current.draft = undefined
        end(draft && { ...draft.toMessage(), state: 'incomplete' }, 'error', turnFailure(thrown))
      }
    } finally {
      // Every way out of a turn settled its status (`ready` or `error`) already.
      if (turn === current) turn = undefined
    }
  }

  /**
   * Ends the turn (the current one, or none after a stop) with its reply where it stands (`message`: what
   * streamed, none when nothing did): kept, its unfinished calls cancelled (none runs any more), and sent to
   * `onFinish`; then `nextStatus`, and `failure` to `onError`.
   */
  function end(
    message: AssistantThreadMessage | undefined,
    nextStatus: ChatStatus,
    failure?: ChatError,
  ): void {
    // The thread as this turn ended it: a subscriber that heard `ready` may have started the next turn already.
    const thread = stoppedThread(settled, message, failure !== undefined)
    settle(thread, nextStatus, failure)
    if (message) notify(live.onFinish, { message: thread.at(-1) as AssistantThreadMessage, messages: thread })
    if (failure) notify(live.onError, failure)
  }

  /** Streams one reply and settles it; `false` when the turn ends here (stopped, failed, or no tool calls). */
  async function streamStep(current: Turn): Promise<boolean> {
    const fields = typeof live.request === 'function' ? live.request() : live.request
    // Called only for a tool call's event, which streamReply hands over once `toolCallCode` loaded.
    const draft = createReplyDraft(makeId(), () =>
      (toolCallCode.current as ToolCallCode).createToolCallDrafts(),
    )
    const declared = live.tools?.requestTools()
    // A reply to tool results leaves a forced tool_choice free (follow-up-tool-choice.ts): the user's message
    // forced the call once.
    const forced = settled.at(-1)?.role === 'assistant' ? fields?.tool_choice : undefined
    const reply = await streamReply({
      client,
      request: {
        ...fields,
        ...(declared && { tools: declared }),
        ...(forced !== undefined && { tool_choice: followUpToolChoice(forced) }),
        messages: requestMessages(settled),
      },
      callOptions: live.callOptions,
      signal: current.controller.signal,
      draft,
      live: () => live,
      isCurrent: () => turn === current,
      toolCallCode,
      onDelta(first) {
        if (!first) return publisher.soon()
        current.draft = draft
        status = 'streaming'
        publisher.now()
      },
    })
    current.draft = undefined
    if (reply === undefined || turn !== current) return false
    if (reply.error) {
      end(reply.message, 'error', reply.error)
      return false
    }
    // Without an error there is a message (see Reply).
    const message = reply.message as AssistantThreadMessage
    const calls = message.toolCalls.length > 0
    const thread = [...settled, message]
    settle(thread, calls ? 'streaming' : 'ready')
    notify(live.onFinish, { message, messages: thread })
    return calls
  }

  /** Claims the turn for `action` (or rejects: busy), settles the thread `edit` makes of it, and runs the turn. */
  async function start(
    action: string,
    edit: (current: readonly ThreadMessage[]) => readonly ThreadMessage[],
    stream = true,
  ): Promise<void> {
    if (turn !== undefined) throw new ChatBusyError(action)
    await run(edit(settled), stream)
  }

  /** Goes on once every call of the last reply is answered: the turn it starts, or none. */
  function continueIfAnswered(): Promise<void> | undefined {
    return turn === undefined && goesOn() ? run(settled, true) : undefined
  }

  const chat: Chat = {
    id: options.id ?? makeId(),
    getSnapshot: () => snapshot,
    subscribe(listener) {
      listeners.add(listener)
      return () => {
        listeners.delete(listener)
      }
    },
    getMessage: createMessageLookup(
      () => snapshot,
      () => settled,
    ),
    send(input) {
      const { content, id } = typeof input === 'string' ? { content: input } : input
      return start('send', (current) =>
        withUserMessage(current, { id: id ?? makeId(), role: 'user', content }),
      )
    },
    stop() {
      const current = turn
      if (current === undefined) return
      turn = undefined
      current.controller.abort(new DOMException('The chat was stopped', 'AbortError'))
      end(current.draft?.toMessage(), 'ready')
    },
    regenerate(messageId) {
      return start('regenerate', (current) => threadBefore(current, messageId))
    },
    edit(messageId, content) {
      return start('edit', (current) => editedThread(current, messageId, content))
    },
    setMessages(messages) {
      if (turn !== undefined) throw new ChatBusyError('setMessages')
      const next = typeof messages === 'function' ? messages(settled) : messages
      // Between turns the status is `ready` or `error`: a new thread has no error.
      settle(
        normalizeMessages(next, () => makeId()),
        'ready',
      )
    },
    addToolResult(input) {
      settle(updateCall(settled, input.toolCallId, (call) => answer(call, input), 'addToolResult'))
      void continueIfAnswered()
    },
    async respondToApproval(input) {
      const answered = updateCall(
        settled,
        input.toolCallId,
        (call) => approve(call, input),
        'respondToApproval',
      )
      // Approved while the tools of its reply run (it is the last), the running turn runs it once they end.
      if (!input.approved || (turn && answered.at(-1) !== settled.at(-1))) {
        settle(answered)
        // A denial that answers the last waiting call resolves when the turn it starts ends, as an approval does.
        return continueIfAnswered()
      }
      // Running an approved tool is a turn of its own: busy, stoppable, and it goes on once every call is answered.
      await start('respondToApproval', () => answered, false)
    },
    clearError() {
      if (status === 'error') settle(settled, 'ready')
    },
    setOptions(next) {
      live = { ...live, ...next }
    },
    attach: createViewHold(() => chat.stop()),
  }
  return chat
}
