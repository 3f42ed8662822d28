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
  const run = runCalls(calls, tools, {
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
  // A schema whose validation throws leaves its call running; the turn then ends `ready`, as after a stop.
  const settled = run.catch(() => undefined)
  // The listener goes with the run: left on the signal, it would keep the run alive as long as the signal.
  let stop = () => {}
  const stopped = new Promise<void>((resolve) => {
    stop = resolve
    options.signal.addEventListener('abort', stop, { once: true })
  })
  await Promise.race([settled, stopped])
  options.signal.removeEventListener('abort', stop)
}
