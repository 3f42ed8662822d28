import type { ChatClient } from '../client/create-chat-client.js'
import type { ChatCallOptions } from '../client/options.js'
import { type ChatError, IncompleteStreamError } from '../errors.js'
import type { Lazy } from '../lazy.js'
import type { ChatRequest } from '../schema/request.js'
import type { ChatLiveOptions } from './chat-options.js'
import type { ReplyDraft } from './reply-draft.js'
import type { AssistantThreadMessage } from './thread-message.js'
import { turnFailure } from './turn-failure.js'

/** How one reply ended: the message, and the error when it failed (with no message when nothing arrived). */
export type Reply =
  | { message: AssistantThreadMessage; error?: ChatError | undefined }
  | { message: undefined; error: ChatError }

/** What {@link streamReply} needs. */
export interface StreamReplyInput {
  client: ChatClient
  request: ChatRequest
  callOptions: Omit<ChatCallOptions, 'signal'> | undefined
  signal: AbortSignal
  draft: ReplyDraft
  /** The chat's live options as they stand (its tools and `needsApproval` when the reply ends). */
  live(): ChatLiveOptions
  /** `false` once the turn was stopped or replaced: its events are dropped from then on. */
  isCurrent(): boolean
  /** After each delta that changed the draft; `first` for the first visible one. */
  onDelta(first: boolean): void
  /**
   * What shows streaming arguments and plans the calls of a reply that asks for tools (reply-tool-calls.ts):
   * loaded before the chat's first tool call event reaches the draft.
   */
  toolCallCode: Lazy<ToolCallCode>
}

/** The module loaded with a chat's first tool call. */
export type ToolCallCode = typeof import('./reply-tool-calls.js')

/**
 * Streams one reply into `draft`, as fast as it arrives (no timer paces the reading), and builds the final
 * message from the stream's outcome. `undefined` when the turn was stopped or replaced meanwhile.
 */
export async function streamReply(input: StreamReplyInput): Promise<Reply | undefined> {
  const { draft, isCurrent } = input
  const stream = input.client.stream(input.request, { ...input.callOptions, signal: input.signal })
  /** The tool-call code could not load: the reply ends with that, not with the abort that stops its stream. */
  let unloaded: ChatError | undefined
  try {
    for await (const event of stream) {
      // Loaded with the first tool call, not up front: most replies have none.
      if (event.type.startsWith('tool_call') && input.toolCallCode.current === undefined) {
        try {
          await input.toolCallCode.load()
        } catch (cause) {
          unloaded = turnFailure(cause)
          break
        }
      }
      if (!isCurrent()) break
      const wasStarted = draft.started
      draft.push(event)
      if (draft.started) input.onDelta(!wasStarted)
    }
  } catch {
    // The error is the outcome's, read below.
  }
  const { outcome, completion } = await stream.final()
  if (!isCurrent()) return undefined
  const error =
    unloaded ??
    (outcome.type === 'error'
      ? outcome.error
      : outcome.type === 'incomplete'
        ? new IncompleteStreamError(`The reply stream ended early (${outcome.reason})`, {
            partial: completion,
          })
        : undefined)
  if (!draft.started && error !== undefined) return { message: undefined, error }
  const streamed = draft.toMessage()
  const { toolCalls } = streamed
  const message: AssistantThreadMessage = {
    ...streamed,
    state: error === undefined ? 'complete' : 'incomplete',
    outcome,
    // A reply with calls has them ended by the module loaded with its first tool call (a reply whose tool-call
    // code did not load has none: none reached the draft).
    toolCalls:
      unloaded || (toolCalls.length === 0 && outcome.type !== 'tool_calls')
        ? toolCalls
        : (input.toolCallCode.current ?? (await input.toolCallCode.load())).endedCalls(
            outcome,
            toolCalls,
            input.live(),
          ),
  }
  return { message, error }
}
