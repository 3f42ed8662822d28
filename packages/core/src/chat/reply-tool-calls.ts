// What a reply with tool calls needs, loaded with its first tool call: most replies have none. It holds the
// partial parse of streaming arguments (for display) and the plan of the calls once the reply ends.
import type { ParsedToolCall } from '../outcome.js'
import type { ChatLiveOptions } from './chat-options.js'
import type { ThreadToolCall } from './thread-message.js'

export { parsePartialJson } from '../structured/partial-json.js'

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
