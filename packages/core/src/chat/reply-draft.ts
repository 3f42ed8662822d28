import type { DeltaEvent } from '../delta-events.js'
import type { AssistantThreadMessage, ThreadToolCall } from './thread-message.js'

/** A tool call while its arguments stream: plain mutable fields, turned into a message at publish time. */
interface CallDraft {
  id: string
  name: string
  arguments: string
  /** The object last published for this call, reused while nothing changed (structural sharing). */
  published: ThreadToolCall | undefined
}

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

/** A new, empty draft for the reply with `id`; `partialInput` parses half-written arguments for display. */
export function createReplyDraft(id: string, partialInput: (text: string) => unknown): ReplyDraft {
  let content = ''
  let reasoning = ''
  let refusal = ''
  const calls: CallDraft[] = []
  let publishedCalls: readonly ThreadToolCall[] = []
  let started = false

  function call(toolIndex: number, id: string, name: string): CallDraft {
    let draft = calls[toolIndex]
    if (draft === undefined) {
      draft = { id, name, arguments: '', published: undefined }
      calls[toolIndex] = draft
    }
    draft.id = id
    draft.name = name
    return draft
  }

  function toolCalls(): readonly ThreadToolCall[] {
    let changed = publishedCalls.length !== calls.length
    const next = calls.map((draft, index) => {
      const last = draft.published
      if (
        last !== undefined &&
        last.arguments === draft.arguments &&
        last.id === draft.id &&
        last.name === draft.name
      ) {
        return last
      }
      changed = true
      draft.published = {
        id: draft.id,
        name: draft.name,
        arguments: draft.arguments,
        input: partialInput(draft.arguments),
        state: 'streaming',
      }
      return calls[index]?.published as ThreadToolCall
    })
    if (changed) publishedCalls = next
    return publishedCalls
  }

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
          call(event.toolIndex, event.id, event.name).arguments += event.delta
          break
        case 'tool_call.done':
          call(event.toolIndex, event.id, event.name).arguments = event.arguments
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
        toolCalls: toolCalls(),
        state: 'streaming',
      }
    },
  }
}
