import type { ApprovalInput, ToolResultInput } from './chat.js'
import { resultText } from './request-messages.js'
import type { ThreadToolCall, ThreadToolCallState } from './thread-message.js'

/**
 * A call answered by `addToolResult`; a `RangeError` when it is not waiting for a result, a `TypeError` when the
 * result cannot be sent (the next request carries it as JSON). Either way the call keeps waiting, so the app
 * can answer again: found here, the fault is the app's own call, not a failed turn later.
 */
export function answer(call: ThreadToolCall, input: ToolResultInput): ThreadToolCall {
  expectState(call, 'addToolResult', 'a result', 'awaiting-result', 'awaiting-approval')
  if ('error' in input) return { ...call, state: 'failed', error: input.error }
  const answered: ThreadToolCall = { ...call, state: 'done', result: input.result }
  expectSendable(answered)
  return answered
}

/** Throws unless the next request can carry `call`'s result: made into its tool message as it will be then. */
function expectSendable(call: ThreadToolCall): void {
  let text: string | undefined
  let cause: unknown
  try {
    text = resultText(call)
  } catch (thrown) {
    cause = thrown
  }
  // `JSON.stringify` gives undefined for a function or a symbol, and throws for a BigInt, a cycle or a throwing
  // `toJSON`. The message names the call, never the value.
  if (text === undefined) {
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
