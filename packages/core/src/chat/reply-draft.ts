import type { DeltaEvent, ToolCallArgumentsDeltaEvent, ToolCallDoneEvent } from '../delta-events.js'
import type { AssistantThreadMessage, ThreadToolCall } from './thread-message.js'

/**
 * The assistant message being streamed. Each delta only appends to a string (O(1) whatever the thread's
 * length); `toMessage()` builds the immutable message once per publish, not once per delta.
 */
export interface ReplyDraft {
  /** Folds one event of choice 0 in; other choices are ignored (a chat shows one reply). */
  push(event: DeltaEvent): void
  /** Whether anything visible arrived yet. */
  readonly started: boolean
  /** The message as it stands, `state: 'streaming'`. */
  toMessage(): AssistantThreadMessage
}

/** The tool calls of a draft while their arguments stream (made by reply-tool-calls.ts, loaded with the first). */
export interface ToolCallDrafts {
  push(event: ToolCallArgumentsDeltaEvent | ToolCallDoneEvent): void
  /** The calls as they stand, arguments parsed as far as they go; the same objects while nothing changed. */
  list(): readonly ThreadToolCall[]
}

/** A new, empty draft for the reply with `id`; `toolCalls` makes its tool call drafts at the first call. */
export function createReplyDraft(id: string, toolCalls: () => ToolCallDrafts): ReplyDraft {
  let content = ''
  let reasoning = ''
  let refusal = ''
  let calls: ToolCallDrafts | undefined
  // One empty list while no call came: a publish without calls changes no array.
  const none: readonly ThreadToolCall[] = []
  let started = false

  return {
    get started() {
      return started
    },
    push(event) {
      if (event.choiceIndex !== 0) return
      switch (event.type) {
        case 'content.delta':
          content += event.delta
          break
        case 'reasoning.delta':
          reasoning += event.delta
          break
        case 'refusal.delta':
          refusal += event.delta
          break
        case 'tool_call.arguments.delta':
        case 'tool_call.done':
          calls ??= toolCalls()
          calls.push(event)
          break
        default:
          return
      }
      started = true
    },
    toMessage() {
      return {
        id,
        role: 'assistant',
        content,
        reasoning,
        refusal,
        toolCalls: calls?.list() ?? none,
        state: 'streaming',
      }
    },
  }
}
