import { abortErrorOf, linkSignals } from '../client/abort.js'
import type { RequestIssue } from '../errors.js'
import type { ChatMessage, ToolCall, ToolMessage } from '../schema/message.js'
import type { ChatTool } from './tool.js'
import { validateStandard } from './validate-standard.js'

/** Why a call got an error message instead of a result: its arguments, or its `execute`. */
export type ToolFailure =
  | {
      kind: 'invalid_arguments'
      call: ToolCall
      /** Not JSON (one issue at path `""`), or what the tool's schema found, with paths. */
      issues: RequestIssue[]
    }
  | { kind: 'execute_error'; call: ToolCall; input: unknown; error: unknown }

/** What came of one call: a result, a failure reported to the model, or a call left to the caller. */
export type ToolCallResult =
  | { type: 'output'; call: ToolCall; input: unknown; output: unknown; message: ToolMessage }
  | { type: 'failure'; call: ToolCall; failure: ToolFailure; message: ToolMessage }
  | {
      type: 'pending'
      call: ToolCall
      /** The validated arguments; for an unknown tool, the parsed JSON (`undefined` if it is not JSON). */
      input: unknown
      /** `no_execute`: the tool has no `execute`; `unknown_tool`: no tool of that name is in the set. */
      reason: 'no_execute' | 'unknown_tool'
    }

/** A tool began running, its arguments validated. */
export interface ToolStartEvent {
  type: 'tool.start'
  call: ToolCall
  input: unknown
}

/** A call ended with a result or a failure; its `message` answers the model. */
export interface ToolResultEvent {
  type: 'tool.result'
  result: Extract<ToolCallResult, { type: 'output' | 'failure' }>
}

/** What {@link runToolCalls} reports while it runs. */
export type ToolEvent = ToolStartEvent | ToolResultEvent

/** Options of {@link runToolCalls}. */
export interface RunToolCallsOptions {
  /** Aborts the running tools (their `signal`); the run then rejects with an `AbortError`. */
  signal?: AbortSignal | undefined
  /** How many tools run at once. Default 8. */
  concurrency?: number | undefined
  /** The conversation so far, given to each `execute` as `messages`. */
  messages?: readonly ChatMessage[] | undefined
  /** Writes the tool message of a failure, for the model to read and recover from. */
  formatError?: ((failure: ToolFailure) => string) | undefined
  /** Called as each tool starts and ends. */
  onEvent?: ((event: ToolEvent) => void) | undefined
}

/** What {@link runToolCalls} resolves with. */
export interface ToolCallsResult {
  /** One per call, in the order of the calls. */
  results: ToolCallResult[]
  /** The tool messages answering the run calls (results and failures), in the order of the calls. */
  messages: ToolMessage[]
  /** The calls left to the caller: answer each with a tool message before the next request. */
  pending: Extract<ToolCallResult, { type: 'pending' }>[]
}

export const DEFAULT_TOOL_CONCURRENCY = 8

/**
 * Runs the model's tool calls (a completion's `message.tool_calls`) against `tools`: each call's arguments are
 * parsed as JSON and validated by its tool's schema before `execute` sees them; calls run concurrently, at most
 * `concurrency` at once. Invalid arguments and a throwing `execute` become a tool message with the error (see
 * `formatError`), so that the model can recover; calls of a tool without `execute`, or of an unknown tool, are
 * returned as `pending`. Aborting `signal` aborts the running tools' signal and rejects with an `AbortError`.
 */
export async function runToolCalls(
  calls: readonly ToolCall[],
  tools: readonly ChatTool[],
  options: RunToolCallsOptions = {},
): Promise<ToolCallsResult> {
  const concurrency = options.concurrency ?? DEFAULT_TOOL_CONCURRENCY
  if (!(concurrency >= 1)) throw new RangeError(`concurrency must be at least 1, got ${String(concurrency)}`)
  const byName = new Map(tools.map((tool) => [tool.name, tool]))
  const controller = new AbortController()
  const unlink = linkSignals(controller, options.signal === undefined ? [] : [options.signal])
  const { signal } = controller
  const run = (call: ToolCall) => runCall(call, byName.get(call.function.name), { ...options, signal })
  try {
    if (signal.aborted) throw abortErrorOf(signal, 'The tool calls')
    const results = await Promise.race([pool(calls, concurrency, run), aborted(signal)])
    const messages = results.flatMap((result) => (result.type === 'pending' ? [] : [result.message]))
    const pending = results.filter((result) => result.type === 'pending')
    return { results, messages, pending }
  } finally {
    unlink()
  }
}

interface CallOptions extends RunToolCallsOptions {
  signal: AbortSignal
}

async function runCall(
  call: ToolCall,
  tool: ChatTool | undefined,
  options: CallOptions,
): Promise<ToolCallResult> {
  const parsed = parseArguments(call.function.arguments)
  if (tool === undefined) {
    return { type: 'pending', call, input: parsed.success ? parsed.value : undefined, reason: 'unknown_tool' }
  }
  const validated = parsed.success ? await validateStandard(tool.parameters, parsed.value) : parsed
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

function fail(options: CallOptions, failure: ToolFailure): ToolCallResult {
  const format = options.formatError ?? formatToolFailure
  const result = {
    type: 'failure' as const,
    call: failure.call,
    failure,
    message: toolMessage(failure.call, format(failure)),
  }
  emit(options, { type: 'tool.result', result })
  return result
}

// A tool that ignores its signal may end after the abort: what it reports then is no longer wanted.
function emit(options: CallOptions, event: ToolEvent): void {
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

/**
 * The default tool message of a failure: the tool's name and the schema's issues with their paths, or the
 * error's message, so that the model can correct its call.
 */
export function formatToolFailure(failure: ToolFailure): string {
  const name = failure.call.function.name
  if (failure.kind === 'invalid_arguments') {
    const issues = failure.issues.map((issue) =>
      issue.path === '' ? issue.message : `${issue.path}: ${issue.message}`,
    )
    return `Invalid arguments for ${name}: ${issues.join('; ')}. Call ${name} again with arguments that match its schema.`
  }
  const { error } = failure
  const message = error instanceof Error ? error.message : String(error)
  return `Error from ${name}: ${message}`
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

/** Rejects with an `AbortError` when `signal` aborts; never resolves. */
function aborted(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    signal.addEventListener('abort', () => reject(abortErrorOf(signal, 'The tool calls')), { once: true })
  })
}
