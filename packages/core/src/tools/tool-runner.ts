import type { RequestIssue } from '../errors.js'
import type { ToolCall, ToolMessage } from '../schema/message.js'
import type { RunToolCallsOptions, ToolCallResult, ToolEvent, ToolFailure } from './run-tool-calls.js'
import { standardValidation } from './standard-validation.js'
import type { ChatTool } from './tool.js'

// Besides types, it imports only standardValidation, itself loaded lazily: a module of the package's main
// entry that it imported would be split off into a chunk of its own, loaded up front.

/** Runs the calls of {@link runToolCalls}, at most `concurrency` at once, results in the order of the calls. */
export function runCalls(
  calls: readonly ToolCall[],
  tools: readonly ChatTool[],
  options: RunnerOptions,
): Promise<ToolCallResult[]> {
  const byName = new Map(tools.map((tool) => [tool.name, tool]))
  return pool(calls, options.concurrency, (call) => runCall(call, byName.get(call.function.name), options))
}

/** The run's options, resolved by `runToolCalls`. */
export interface RunnerOptions extends RunToolCallsOptions {
  signal: AbortSignal
  concurrency: number
  formatError: (failure: ToolFailure) => string
}

async function runCall(
  call: ToolCall,
  tool: ChatTool | undefined,
  options: RunnerOptions,
): Promise<ToolCallResult> {
  const parsed = parseArguments(call.function.arguments)
  if (tool === undefined) {
    return { type: 'pending', call, input: parsed.success ? parsed.value : undefined, reason: 'unknown_tool' }
  }
  const validated = parsed.success ? await standardValidation(tool.parameters, parsed.value) : parsed
  if (!validated.success) return fail(options, { kind: 'invalid_arguments', call, issues: validated.issues })
  const input = validated.value
  if (tool.execute === undefined) return { type: 'pending', call, input, reason: 'no_execute' }
  emit(options, { type: 'tool.start', call, input })
  let result: ToolCallResult
  try {
    const output = await tool.execute(input, {
      signal: options.signal,
      toolCallId: call.id,
      messages: options.messages ?? [],
    })
    result = { type: 'output', call, input, output, message: toolMessage(call, contentOf(output)) }
  } catch (error) {
    return fail(options, { kind: 'execute_error', call, input, error })
  }
  emit(options, { type: 'tool.result', result })
  return result
}

function fail(options: RunnerOptions, failure: ToolFailure): ToolCallResult {
  const result = {
    type: 'failure' as const,
    call: failure.call,
    failure,
    message: toolMessage(failure.call, options.formatError(failure)),
  }
  emit(options, { type: 'tool.result', result })
  return result
}

// A tool that ignores its signal may end after the abort: what it reports then is no longer wanted.
function emit(options: RunnerOptions, event: ToolEvent): void {
  if (!options.signal.aborted) options.onEvent?.(event)
}

function parseArguments(
  text: string,
): { success: true; value: unknown } | { success: false; issues: RequestIssue[] } {
  // Some providers send "" for a tool without parameters; it means the same as "{}".
  if (text.trim() === '') return { success: true, value: {} }
  try {
    return { success: true, value: JSON.parse(text) }
  } catch {
    return {
      success: false,
      issues: [{ path: '', message: 'Expected the arguments as JSON but they are not valid JSON' }],
    }
  }
}

/** A result as tool message content: a string as it is, anything else as JSON. */
function contentOf(output: unknown): string {
  if (typeof output === 'string') return output
  const json = JSON.stringify(output ?? null)
  // `JSON.stringify` gives undefined for a function or a symbol; it throws for a BigInt or a cycle.
  if (json === undefined) throw new TypeError('The tool returned a value that JSON cannot hold')
  return json
}

function toolMessage(call: ToolCall, content: string): ToolMessage {
  return { role: 'tool', tool_call_id: call.id, content }
}

/** Runs `task` over `items`, at most `limit` at once, and gives the results in the order of the items. */
async function pool<Item, Result>(
  items: readonly Item[],
  limit: number,
  task: (item: Item) => Promise<Result>,
): Promise<Result[]> {
  const results: Result[] = new Array(items.length)
  let next = 0
  const worker = async () => {
    while (next < items.length) {
      const index = next++
      results[index] = await task(items[index] as Item)
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
  return results
}
