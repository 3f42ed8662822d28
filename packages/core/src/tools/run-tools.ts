import { abortErrorOf, consumerStopped, linkSignals } from '../client/abort.js'
import type { ChatResult } from '../client/chat-result.js'
import type { ChatClient } from '../client/create-chat-client.js'
import type { ChatCallOptions } from '../client/options.js'
import type { DeltaEvent } from '../delta-events.js'
import { ChatError } from '../errors.js'
import type { ChatMessage, ToolCall } from '../schema/message.js'
import type { ChatRequest } from '../schema/request.js'
import { toAssistantMessage } from './assistant-message.js'
import { followUpToolChoice } from './follow-up-tool-choice.js'
import { toolsForRequest } from './request-tools.js'
import {
  formatToolFailure,
  runToolCalls,
  type ToolCallResult,
  type ToolEvent,
  type ToolFailure,
} from './run-tool-calls.js'
import type { ChatTool } from './tool.js'

/** Options of {@link runTools}: the tools and the loop's limits, plus the options of every model call. */
export interface RunToolsOptions extends ChatCallOptions {
  /** The tools the model may call; added to the request's own `tools`. */
  tools: readonly ChatTool[]
  /** The most model calls the loop makes. Default 10. */
  maxSteps?: number | undefined
  /** How many tools run at once. Default 8. */
  concurrency?: number | undefined
  /**
   * Writes the tool message of a failed call (see `formatToolFailure`); the client's credentials, and what
   * looks like one, are taken out of what it writes (`ChatClient.redact`).
   */
  formatError?: ((failure: ToolFailure) => string) | undefined
}

/** A call the loop left to the caller: a tool without `execute`, or one it does not know. */
export type PendingToolCall = Extract<ToolCallResult, { type: 'pending' }>

/**
 * How a tool loop ended:
 * - `finished`: the model answered without calling tools; `result.outcome` says how (`stop`, `length`,
 *   `refusal`, `content_filter`, `incomplete`, …);
 * - `pending`: it called tools that the caller answers; add a tool message for each, then run again;
 * - `max_steps`: it still called tools after `maxSteps` model calls; `calls` were not run;
 * - `error`: a model call failed or the run was aborted (`AbortError`).
 */
export type ToolRunOutcome =
  | { type: 'finished'; result: ChatResult }
  | { type: 'pending'; calls: PendingToolCall[] }
  | { type: 'max_steps'; maxSteps: number; calls: ToolCall[] }
  | { type: 'error'; error: ChatError }

/** What a tool loop came to. */
export interface ToolRunResult {
  outcome: ToolRunOutcome
  /** The request's messages, then every assistant message and tool message of the loop, in order. */
  messages: ChatMessage[]
  /** The result of each model call, in order. */
  steps: ChatResult[]
  /** The last model call's text; `''` when it sent none. */
  text: string
}

/** A model call began; `step` counts from 1. */
export interface StepStartEvent {
  type: 'step.start'
  step: number
}

/** A model call ended with `result` (its tools, if any, run next). */
export interface StepFinishEvent {
  type: 'step.finish'
  step: number
  result: ChatResult
}

/** What a tool loop streams: each step's deltas, its tools' starts and results, each tagged with its step. */
export type ToolRunEvent = StepStartEvent | StepFinishEvent | ((DeltaEvent | ToolEvent) & { step: number })

/**
 * A running tool loop, read once: iterate its events, then (or instead) `await final()`. Iteration throws the
 * `ChatError` that ended the run, after its last event; `final()` never rejects. Stopping the iteration early
 * aborts the run, as `abort()` does.
 */
export interface ToolRun extends AsyncIterable<ToolRunEvent> {
  /** The outcome and the whole conversation, once the loop ended, however it ended. Never rejects. */
  final(): Promise<ToolRunResult>
  /** Aborts the current model call and the running tools (their `signal`). */
  abort(reason?: unknown): void
}

export const DEFAULT_MAX_STEPS = 10

/**
 * The tool loop: calls the model (streamed), runs the tools it asks for, appends its message and the tool
 * messages, and calls it again, until it answers without tools, calls a tool the caller must answer, or has
 * been called `maxSteps` times. Pure: no UI, no adapter; any {@link ChatClient} does.
 *
 * @example
 * const run = runTools(client, { model, messages }, { tools: [weather] })
 * for await (const event of run) if (event.type === 'content.delta') write(event.delta)
 * const { outcome, messages } = await run.final()
 */
export function runTools<Request extends ChatRequest>(
  client: ChatClient<Request>,
  request: Request,
  options: RunToolsOptions,
): ToolRun {
  const maxSteps = options.maxSteps ?? DEFAULT_MAX_STEPS
  if (!Number.isInteger(maxSteps) || maxSteps < 1) {
    throw new RangeError(`maxSteps must be an integer of at least 1, got ${String(maxSteps)}`)
  }
  if (options.concurrency !== undefined && !(options.concurrency >= 1)) {
    throw new RangeError(`concurrency must be at least 1, got ${String(options.concurrency)}`)
  }
  const controller = new AbortController()
  let resolveResult!: (result: ToolRunResult) => void
  const result = new Promise<ToolRunResult>((resolve) => {
    resolveResult = resolve
  })
  let events: AsyncGenerator<ToolRunEvent, void, undefined> | undefined
  let ended = false

  const claim = () => {
    if (events !== undefined) throw new TypeError('This ToolRun is already read: a run is read once')
    events = loop(client, request, { ...options, maxSteps }, controller, (done) => {
      ended = true
      resolveResult(done)
    })
    return events
  }

  return {
    [Symbol.asyncIterator]() {
      const steps = claim()
      return {
        next: () => steps.next(),
        async return() {
          if (!ended) controller.abort(consumerStopped())
          await drain(steps)
          return { done: true, value: undefined }
        },
        [Symbol.asyncIterator]() {
          return this
        },
      }
    },
    final() {
      if (events === undefined) void drain(claim())
      return result
    },
    abort(reason?: unknown) {
      controller.abort(reason)
    },
  }
}

interface LoopOptions extends RunToolsOptions {
  maxSteps: number
}

async function* loop<Request extends ChatRequest>(
  client: ChatClient<Request>,
  request: Request,
  options: LoopOptions,
  controller: AbortController,
  end: (result: ToolRunResult) => void,
): AsyncGenerator<ToolRunEvent, void, undefined> {
  const { tools, maxSteps, concurrency, formatError, ...callOptions } = options
  const unlink = linkSignals(controller, options.signal === undefined ? [] : [options.signal])
  const { signal } = controller
  const messages: ChatMessage[] = [...request.messages]
  const steps: ChatResult[] = []
  const finish = (outcome: ToolRunOutcome) =>
    end({ outcome, messages, steps, text: steps.at(-1)?.text ?? '' })
  // A tool's error may quote a credential (a failed call's `Authorization` header): the client's own, and what
  // looks like one, are taken out before the model is sent it, as they are from the client's errors.
  const failureText = (failure: ToolFailure) => {
    const text = (formatError ?? formatToolFailure)(failure)
    return client.redact === undefined ? text : client.redact(text, callOptions)
  }
  // What the loop is doing, for the message of a failure that is not a ChatError.
  let stage: Stage = { step: 0, part: 'declare' }
  try {
    const declared = [...(request.tools ?? []), ...toolsForRequest(tools)]
    for (let step = 1; ; step++) {
      stage = { step, part: 'model' }
      yield { type: 'step.start', step }
      const stepRequest = {
        ...request,
        messages: [...messages],
        ...(declared.length > 0 ? { tools: declared } : {}),
        // A call the request forced is forced once: the steps that answer its results leave the choice free.
        ...(step > 1 &&
          request.tool_choice !== undefined && { tool_choice: followUpToolChoice(request.tool_choice) }),
      }
      const stream = client.stream(stepRequest, { ...callOptions, signal })
      try {
        for await (const event of stream) yield { ...event, step }
      } catch {
        // The same error is in the result's outcome.
      }
      const result = await stream.final()
      steps.push(result)
      yield { type: 'step.finish', step, result }
      if (result.outcome.type === 'error') throw result.outcome.error
      const calls = result.completion.choices.find((choice) => choice.index === 0)?.message.tool_calls ?? []
      if (result.outcome.type !== 'tool_calls' || calls.length === 0) {
        messages.push(toAssistantMessage(result.completion))
        finish({ type: 'finished', result })
        return
      }
      messages.push(toAssistantMessage(result.completion))
      if (step >= maxSteps) {
        finish({ type: 'max_steps', maxSteps, calls })
        return
      }
      stage = { step, part: 'tools' }
      const ran = yield* toolEvents(step, (onEvent) =>
        runToolCalls(calls, tools, {
          signal,
          concurrency,
          formatError: failureText,
          messages: [...messages],
          onEvent,
        }),
      )
      messages.push(...ran.messages)
      if (ran.pending.length > 0) {
        finish({ type: 'pending', calls: ran.pending })
        return
      }
    }
  } catch (error) {
    const failure = toChatError(error, signal, stage)
    finish({ type: 'error', error: failure })
    throw failure
  } finally {
    unlink()
  }
}

/** Runs the tools, yielding their events as they happen, and gives what they came to. */
async function* toolEvents<Result>(
  step: number,
  run: (onEvent: (event: ToolEvent) => void) => Promise<Result>,
): AsyncGenerator<ToolRunEvent, Result, undefined> {
  const queue: ToolEvent[] = []
  let wake: (() => void) | undefined
  let settled: { value: Result } | { error: unknown } | undefined
  run((event) => {
    queue.push(event)
    wake?.()
  }).then(
    (value) => {
      settled = { value }
      wake?.()
    },
    (error: unknown) => {
      settled = { error }
      wake?.()
    },
  )
  while (true) {
    const event = queue.shift()
    if (event !== undefined) {
      yield { ...event, step }
      continue
    }
    if (settled !== undefined) {
      if ('error' in settled) throw settled.error
      return settled.value
    }
    await new Promise<void>((resolve) => {
      wake = resolve
    })
  }
}

/** Where the loop was: declaring the tools (before step 1), in a step's model call, or running its tools. */
interface Stage {
  step: number
  part: 'declare' | 'model' | 'tools'
}

function toChatError(error: unknown, signal: AbortSignal, stage: Stage): ChatError {
  if (error instanceof ChatError) return error
  if (signal.aborted) return abortErrorOf(signal, 'The tool run')
  const kind = error instanceof Error ? error.name : typeof error
  // Before the first step only the loop's own checks run (two tools of one name): their message names the
  // tool and quotes nothing else. Later, a tool's schema or `formatError` may have thrown, and what they say
  // may quote the arguments: the message names the error's kind and the stage, the error is the cause.
  if (stage.part === 'declare') {
    const said = error instanceof Error ? `: ${error.message}` : ''
    return new ChatError(`The tool run could not declare its tools (${kind})${said}`, { cause: error })
  }
  const where =
    stage.part === 'model' ? `the model call of step ${stage.step}` : `the tools of step ${stage.step}`
  return new ChatError(`The tool run failed in ${where}: ${kind} thrown (see cause)`, { cause: error })
}

async function drain(events: AsyncGenerator<ToolRunEvent, void, undefined>): Promise<void> {
  try {
    while ((await events.next()).done !== true) {
      // Only the result is wanted.
    }
  } catch {
    // Reported through final().
  }
}
