import type { ApprovalInput, ToolResultInput } from './chat.js'
import type { ThreadToolCall, ThreadToolCallState } from './thread-message.js'

/** A call answered by `addToolResult`; a `RangeError` when it is not waiting for a result. */
export function answer(call: ThreadToolCall, input: ToolResultInput): ThreadToolCall {
  expectState(call, 'addToolResult', 'a result', 'awaiting-result', 'awaiting-approval')
  return 'error' in input
    ? { ...call, state: 'failed', error: input.error }
    : { ...call, state: 'done', result: input.result }
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
