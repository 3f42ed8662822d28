import type { ParsedToolCall } from '../outcome.js'
import type { AssistantThreadMessage, ThreadToolCall } from './thread-message.js'
import type { ToolSeam } from './tool-seam.js'

/**
 * Runs every `running` call of `message` with the tool's `execute`, in parallel, and reports each end through
 * `update` (a result, or why it failed). Each call runs exactly once. Resolves when all have ended; an abort
 * ends the wait at once (the stopped chat has marked them cancelled).
 */
export async function runToolCalls(
  message: AssistantThreadMessage,
  tools: ToolSeam,
  signal: AbortSignal,
  update: (toolCallId: string, change: (call: ThreadToolCall) => ThreadToolCall) => void,
): Promise<void> {
  const running = message.toolCalls.filter((call) => call.state === 'running')
  if (running.length === 0) return
  const aborted = new Promise<void>((resolve) => {
    if (signal.aborted) resolve()
    signal.addEventListener('abort', () => resolve(), { once: true })
  })
  const runs = running.map(async (call) => {
    const parsed: ParsedToolCall = {
      id: call.id,
      name: call.name,
      arguments: call.arguments,
      input: call.input,
    }
    try {
      const result = await tools.execute(parsed, signal)
      if (!signal.aborted) update(call.id, (current) => ({ ...current, state: 'done', result }))
    } catch (failure) {
      const reason = failure instanceof Error ? failure.message : 'The tool failed'
      if (!signal.aborted) update(call.id, (current) => ({ ...current, state: 'failed', error: reason }))
    }
  })
  await Promise.race([Promise.all(runs), aborted])
}
