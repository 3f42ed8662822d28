import type { ApprovalInput, ToolResultInput } from './chat.js'
import type { ThreadToolCall, ThreadToolCallState } from './thread-message.js'

/**
 * A call answered by `addToolResult`; a `RangeError` when it is not waiting for a result, a `TypeError` when the
 * result cannot be sent (the next request carries it as JSON). Either way the call keeps waiting, so the app
 * can answer again: found here, the fault is the app's own call, not a failed turn later.
 */
export function answer(call: ThreadToolCall, input: ToolResultInput): ThreadToolCall {
  expectState(call, 'addToolResult', 'a result', 'awaiting-result', 'awaiting-approval')
  if ('error' in input) return { ...call, state: 'failed', error: input.error }
  expectJson(call, input.result)
  return { ...call, state: 'done', result: input.result }
}

function expectJson(call: ThreadToolCall, result: unknown): void {
  if (typeof result === 'string') return
  let json: string | undefined
  let cause: unknown
  try {
    json = JSON.stringify(result ?? null)
  } catch (thrown) {
    cause = thrown
  }
  // `JSON.stringify` gives undefined for a function or a symbol, and throws for a BigInt, a cycle or a throwing
  // `toJSON`. The message names the call, never the value.
  if (json === undefined) {
    throw new TypeError(
      `addToolResult: the result for the tool call "${call.id}" cannot be sent as JSON (a BigInt, a cycle, a function or a throwing toJSON); the call still awaits its result`,
      { cause },
    )
  }
}

/** A call answered by `respondToApproval`: `running` once approved, else `denied` with the reason. */
export function approve(call: ThreadToolCall, { approved, reason }: ApprovalInput): ThreadToolCall {
  expectState(call, 'respondToApproval', 'approval', 'awaiting-approval')
  return approved
    ? { ...call, state: 'running' }
    : { ...call, state: 'denied', error: reason ?? 'The user denied this call' }
}

function expectState(call: ThreadToolCall, action: string, what: string, ...states: ThreadToolCallState[]) {
  if (!states.includes(call.state)) {
    throw new RangeError(`${action}: the tool call "${call.id}" is ${call.state}, not awaiting ${what}`)
  }
}
