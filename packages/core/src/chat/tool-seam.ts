import type { ParsedToolCall } from '../outcome.js'
import type { ChatRequest } from '../schema/request.js'

/** What happens to a finished tool call: its tool runs in the client, asks approval first, or waits for a result. */
export type ToolPlan = 'execute' | 'approval' | 'result'

/** The store's view of tools: where the tools' definitions and runner plug in. */
export interface ToolSeam {
  /** The request fields that declare the tools (`tools: [...]`), `{}` when there are none. */
  requestFields(): Partial<ChatRequest>
  /** A best-effort parse of half-written arguments, for display while they stream. */
  partialInput(text: string): unknown
  plan(call: ParsedToolCall): ToolPlan
  /** Runs the call's tool; resolves with its result, rejects with why it failed. */
  execute(call: ParsedToolCall, signal: AbortSignal): Promise<unknown>
}

/** No tools in the client: every call waits for `addToolResult`. */
export const NO_TOOLS: ToolSeam = {
  requestFields: () => ({}),
  partialInput(text) {
    try {
      return JSON.parse(text)
    } catch {
      return undefined
    }
  },
  plan: () => 'result',
  execute: () => Promise.reject(new Error('No tool runs in this chat')),
}
