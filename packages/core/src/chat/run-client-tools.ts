import type { StandardSchemaV1 } from '../tools/standard-schema.js'
import type { ChatTool } from '../tools/tool.js'
import { type RunnerOptions, runCalls } from '../tools/tool-runner.js'
import type { ThreadToolCall } from './thread-message.js'

// Loaded lazily by `executeCalls`: it imports nothing but the (lazy) runner, or a bundle would split what it
// imported into a chunk of its own; what the runner needs from the package comes in `options`.

/** Reports the end of a call: `change` makes its new state. */
export type ToolCallUpdate = (toolCallId: string, change: (call: ThreadToolCall) => ThreadToolCall) => void

/** Runs the chat's `running` calls with the tools runner; resolves when all ended, or when `signal` aborts. */
export async function runClientTools(
  running: readonly ThreadToolCall[],
  tools: readonly ChatTool[],
  update: ToolCallUpdate,
  options: Omit<RunnerOptions, 'onEvent'>,
): Promise<void> {
  const calls = running.map((call) => ({
    id: call.id,
    type: 'function' as const,
    function: { name: call.name, arguments: call.arguments },
  }))
  const run = runCalls(calls, tools.map(answeringThrows), {
    ...options,
    onEvent(event) {
      if (event.type !== 'tool.result') return
      const { result } = event
      update(result.call.id, (call) =>
        result.type === 'output'
          ? { ...call, input: result.input, state: 'done', result: result.output }
          : { ...call, state: 'failed', error: result.message.content as string },
      )
    },
  })
  // The listener goes with the run: left on the signal, it would keep the run alive as long as the signal.
  let stop = () => {}
  const stopped = new Promise<void>((resolve) => {
    stop = resolve
    options.signal.addEventListener('abort', stop, { once: true })
  })
  try {
    await Promise.race([run, stopped])
  } finally {
    options.signal.removeEventListener('abort', stop)
  }
}

/**
 * `tool` with a schema that answers what its validation throws (a zod `.transform` that throws, …) as an issue,
 * so that the call fails like one with invalid arguments instead of failing the whole run. The issue does not
 * quote what was thrown: it may hold the arguments.
 */
function answeringThrows(tool: ChatTool): ChatTool {
  const standard = tool.parameters['~standard']
  const validate = async (value: unknown): Promise<StandardSchemaV1.Result<unknown>> => {
    try {
      return await standard.validate(value)
    } catch {
      return { issues: [{ message: 'The schema threw while it validated the arguments' }] }
    }
  }
  // The tool itself underneath, whatever made it (its `execute` may be a method of a class).
  return Object.create(tool, { parameters: { value: { '~standard': { ...standard, validate } } } })
}
