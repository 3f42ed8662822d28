import { abortable, abortErrorOf, linkSignals } from '../client/abort.js'
import type { RequestIssue } from '../errors.js'
import { redactSecrets } from '../redact.js'
import type { ChatMessage, ToolCall, ToolMessage } from '../schema/message.js'
import type { ChatTool } from './tool.js'

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
  const controller = new AbortController()
  const unlink = linkSignals(controller, options.signal === undefined ? [] : [options.signal])
  const { signal } = controller
  try {
    if (signal.aborted) throw abortErrorOf(signal, 'The tool calls')
    // The runner is loaded on the first run, and given what it needs rather than importing it: in a browser
    // bundle it is then a chunk of its own, which a chat whose tools all run elsewhere (or none) never loads.
    const run = import('./tool-runner.js').then(({ runCalls }) =>
      runCalls(calls, tools, {
        ...options,
        signal,
        concurrency,
        formatError: options.formatError ?? formatToolFailure,
      }),
    )
    // An abort settles at once, with an AbortError, even while a tool that ignores its signal runs on.
    const results = await abortable(run, signal).catch((error: unknown) => {
      throw signal.aborted ? abortErrorOf(signal, 'The tool calls') : error
    })
    const messages = results.flatMap((result) => (result.type === 'pending' ? [] : [result.message]))
    const pending = results.filter((result) => result.type === 'pending')
    return { results, messages, pending }
  } finally {
    unlink()
  }
}

/**
 * The default tool message of a failure: the tool's name and the schema's issues with their paths, or the
 * error's message with what looks like a credential (a provider key, a bearer token, a JWT) taken out, so that
 * the model can correct its call and is sent no key a failed request quoted.
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
  return `Error from ${name}: ${redactSecrets(message)}`
}
