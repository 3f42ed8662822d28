// What a reply with tool calls needs, loaded with its first tool call: most replies have none. It holds the
// drafts of the calls while their arguments stream (parsed as far as they go, for display) and the plan of
// the calls once the reply ends.
import type { Outcome, ParsedToolCall } from '../outcome.js'
import { parsePartialJson } from '../structured/partial-json.js'
import type { ChatLiveOptions } from './chat-options.js'
import type { ToolCallDrafts } from './reply-draft.js'
import type { ThreadToolCall } from './thread-message.js'

/** A tool call while its arguments stream: plain mutable fields, turned into a message at publish time. */
interface CallDraft {
  id: string
  name: string
  arguments: string
  /** The object last published for this call, reused while nothing changed (structural sharing). */
  published: ThreadToolCall | undefined
}

/** The tool call drafts of one reply; each event only appends to a string, `list()` builds once per publish. */
export function createToolCallDrafts(): ToolCallDrafts {
  const calls: CallDraft[] = []
  let publishedCalls: readonly ThreadToolCall[] = []

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

  return {
    push(event) {
      const draft = call(event.toolIndex, event.id, event.name)
      if (event.type === 'tool_call.done') draft.arguments = event.arguments
      else draft.arguments += event.delta
    },
    list() {
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
          input: parsePartialJson(draft.arguments),
          state: 'streaming',
        }
        return calls[index]?.published as ThreadToolCall
      })
      if (changed) publishedCalls = next
      return publishedCalls
    },
  }
}

/**
 * The calls of a reply whose stream ended: planned when the model asked for them (its outcome is `tool_calls`),
 * else the ones that streamed, cancelled: the reply was cut before they were complete.
 */
export function endedCalls(
  outcome: Outcome,
  streamed: readonly ThreadToolCall[],
  live: ChatLiveOptions,
): ThreadToolCall[] {
  if (outcome.type === 'tool_calls') return plannedCalls(outcome.calls, live)
  return streamed.map((call) => ({
    ...call,
    state: 'cancelled',
    error: 'The reply ended before this call was complete',
  }))
}

/** The calls the model asked for, parsed and planned: run, wait for approval or for a result, or failed. */
export function plannedCalls(
  calls: readonly ParsedToolCall[],
  { tools, needsApproval }: ChatLiveOptions,
): ThreadToolCall[] {
  return calls.map((call) => {
    const state = tools?.initialState(call, needsApproval) ?? 'awaiting-result'
    const { id, name, arguments: text, input } = call
    // The tools runner answers a running call's bad arguments itself, with the schema's issues; arguments
    // that are not JSON are otherwise answered at once: the model gets the reason and may try again.
    return call.parseError === undefined || state === 'running'
      ? { id, name, arguments: text, input, state }
      : {
          id,
          name,
          arguments: text,
          input: undefined,
          state: 'failed',
          error: 'The arguments are not valid JSON',
        }
  })
}
