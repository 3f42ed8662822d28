import type { ParsedToolCall } from '../outcome.js'
import type { ChatMessage } from '../schema/message.js'
import type { FunctionTool } from '../schema/request.js'
import { toolsForRequest } from '../tools/request-tools.js'
import { DEFAULT_TOOL_CONCURRENCY, formatToolFailure } from '../tools/run-tool-calls.js'
import type { ChatLiveOptions } from './chat-options.js'
import type { ToolCallUpdate } from './run-client-tools.js'
import type { AssistantThreadMessage, ThreadToolCallState } from './thread-message.js'

/** A finished call, as `needsApproval` sees it. */
export interface ToolCallRequest {
  id: string
  name: string
  /** The parsed arguments (not yet validated by the tool's schema). */
  input: unknown
}

/** The chat's live options as they stand now (read at each use, so a new render's tools apply at once). */
export type ChatToolsSource = () => ChatLiveOptions

/** The request's `tools` for the chat's tools; `undefined` when it has none (the request's own then stay). */
export function requestTools(source: ChatToolsSource): FunctionTool[] | undefined {
  const { tools } = source()
  return tools?.length ? toolsForRequest(tools) : undefined
}

/**
 * The state a finished call starts in: `running` for a tool with `execute` (or `awaiting-approval` when
 * `needsApproval` says so), `awaiting-result` for a tool without one or a name the chat does not know.
 */
export function initialState(source: ChatToolsSource, call: ParsedToolCall): ThreadToolCallState {
  const { tools, needsApproval } = source()
  if (tools?.find((candidate) => candidate.name === call.name)?.execute === undefined)
    return 'awaiting-result'
  return needsApproval?.({ id: call.id, name: call.name, input: call.input })
    ? 'awaiting-approval'
    : 'running'
}

/**
 * Runs the `running` calls of `message` with the tools runner (arguments validated by each tool's schema,
 * bounded concurrency, a failure answered to the model with its reason) and reports each end through `update`.
 * Each call runs exactly once. Resolves when all have ended, or at once when `signal` aborts (the stopped chat
 * has marked the running calls cancelled; nothing more is reported).
 */
export async function executeCalls(
  message: AssistantThreadMessage,
  source: ChatToolsSource,
  context: { signal: AbortSignal; messages: readonly ChatMessage[] },
  update: ToolCallUpdate,
): Promise<void> {
  const running = message.toolCalls.filter((call) => call.state === 'running')
  if (running.length === 0) return
  // Loaded with the first call a client tool runs: a chat without client tools never loads the runner.
  const { runClientTools } = await import('./run-client-tools.js')
  if (context.signal.aborted) return
  await runClientTools(running, source().tools ?? [], update, {
    ...context,
    concurrency: DEFAULT_TOOL_CONCURRENCY,
    formatError: formatToolFailure,
  })
}
