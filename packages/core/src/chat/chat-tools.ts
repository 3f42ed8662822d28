import type { ParsedToolCall } from '../outcome.js'
import type { ChatMessage } from '../schema/message.js'
import type { FunctionTool } from '../schema/request.js'
import { toolsForRequest } from '../tools/request-tools.js'
import { DEFAULT_TOOL_CONCURRENCY, formatToolFailure } from '../tools/run-tool-calls.js'
import type { ChatTool } from '../tools/tool.js'
import type { ToolCallUpdate } from './run-client-tools.js'
import type { AssistantThreadMessage, ThreadToolCallState } from './thread-message.js'

/** A finished call, as `needsApproval` sees it. */
export interface ToolCallRequest {
  id: string
  name: string
  /** The parsed arguments (not yet validated by the tool's schema). */
  input: unknown
}

/**
 * A chat's client tools, made by {@link chatTools}: what the chat needs of them, which a chat without tools
 * (and its bundle) does without.
 */
export interface ChatTools {
  /** The tools, as given. */
  readonly tools: readonly ChatTool[]
  /** The request's `tools`: a function entry each, strict ones checked first; `undefined` when there are none. */
  requestTools(): FunctionTool[] | undefined
  /**
   * The state a finished call starts in: `running` for a tool with `execute` (or `awaiting-approval` when
   * `needsApproval` says so, or throws), `awaiting-result` for a tool without one or a name the chat does not
   * know.
   */
  initialState(call: ParsedToolCall, needsApproval?: (call: ToolCallRequest) => boolean): ThreadToolCallState
  /**
   * Runs the `running` calls of `message` with the tools runner (arguments validated by each tool's schema,
   * bounded concurrency, a failure answered to the model with its reason) and reports each end through
   * `update`. Each call runs exactly once. Resolves when all have ended, or at once when `signal` aborts (the
   * stopped chat has marked the running calls cancelled; nothing more is reported).
   */
  execute(
    message: AssistantThreadMessage,
    context: {
      signal: AbortSignal
      messages: readonly ChatMessage[]
      /** Takes the chat's client's credentials out of a text the model is sent (`ChatClient.redact`). */
      redact: (text: string) => string
    },
    update: ToolCallUpdate,
  ): Promise<void>
}

/**
 * The tools a chat's model may call (made with `tool()`), for its `tools` option: a tool with `execute` runs
 * in the client and the chat goes on by itself; one without waits for `addToolResult`.
 *
 * @example
 * createChat({ client, tools: chatTools([weather]) })
 */
export function chatTools(tools: readonly ChatTool[]): ChatTools {
  return {
    tools,
    requestTools: () => (tools.length === 0 ? undefined : toolsForRequest(tools)),
    initialState(call, needsApproval) {
      if (tools.find((candidate) => candidate.name === call.name)?.execute === undefined)
        return 'awaiting-result'
      try {
        return needsApproval?.({ id: call.id, name: call.name, input: call.input })
          ? 'awaiting-approval'
          : 'running'
      } catch (thrown) {
        // Reported as the chat's other callbacks are (an unhandled rejection). The call waits for a person
        // rather than run unasked (a broken check of a guarded tool must not let it through) or fail (the model
        // would get the app's bug as its reason, and call again): approved it runs, denied the model is told.
        void Promise.reject(thrown)
        return 'awaiting-approval'
      }
    },
    async execute(message, context, update) {
      const running = message.toolCalls.filter((call) => call.state === 'running')
      if (running.length === 0) return
      // Loaded with the first call a client tool runs.
      const { runClientTools } = await import('./run-client-tools.js')
      if (context.signal.aborted) return
      const { redact, ...runContext } = context
      await runClientTools(running, tools, update, {
        ...runContext,
        concurrency: DEFAULT_TOOL_CONCURRENCY,
        formatError: (failure) => redact(formatToolFailure(failure)),
      })
    },
  }
}
