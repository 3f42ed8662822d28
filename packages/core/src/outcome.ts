import { match, P } from 'ts-pattern'
import { type ChatError, ServerError } from './errors.js'
import type { ChatCompletion, ChatCompletionChoice } from './schema/response.js'

/** A tool call of the reply with its arguments parsed. */
export interface ParsedToolCall {
  /** The call's id; `''` for a legacy `function_call`, which has none. */
  id: string
  name: string
  /** The arguments exactly as the model wrote them. */
  arguments: string
  /** The parsed arguments; `{}` for empty arguments, `undefined` when they are not valid JSON. */
  input: unknown
  /** Why the arguments could not be parsed, when they could not. */
  parseError?: string
}

interface OutcomeBase {
  /** The completion it was reduced from: the partial one for `incomplete` and `error`. */
  completion: ChatCompletion
  /** The index of the choice it describes. */
  choice: number
}

/**
 * How a response ended, for one choice. Branch on `type` (with `match(...).exhaustive()` or a `switch`):
 * - `stop`: finished; `length`: cut by the token limit; `tool_calls`: wants the tools run;
 * - `content_filter`: the reply was filtered (`results` are the choice's `content_filter_results`);
 * - `refusal`: the model refused (`message.refusal`), even when it reported `stop`;
 * - `incomplete`: no `[DONE]` (`no_done`) or no finish reason (`no_finish_reason`): `completion` is partial;
 * - `error`: the request or stream failed;
 * - `other`: a finish reason this version does not know, kept raw in `finishReason`. It is its own variant
 *   rather than `stop` because providers use new reasons for ends that are not a clean finish (a safety
 *   stop, a recitation block, a server interruption): calling them `stop` would hide that, while a variant
 *   of its own makes every exhaustive `match` decide.
 */
export type Outcome = OutcomeBase &
  (
    | { type: 'stop' }
    | { type: 'length' }
    | { type: 'tool_calls'; calls: ParsedToolCall[] }
    | { type: 'content_filter'; results: ChatCompletionChoice['content_filter_results'] }
    | { type: 'refusal'; refusal: string }
    | { type: 'incomplete'; reason: 'no_done' | 'no_finish_reason' }
    | { type: 'error'; error: ChatError }
    | { type: 'other'; finishReason: string }
  )

/** What {@link outcome} reduces. */
export interface OutcomeInput {
  /** The completion: a non-streamed reply, or what a stream accumulated (complete or not). */
  completion: ChatCompletion
  /** `true` when the stream ended with `[DONE]`, or for a non-streamed reply. */
  complete: boolean
  /** The error that ended the request or stream, if one did. */
  error?: ChatError | undefined
  /** Which choice to describe, by its `index` (for `n > 1`); 0 by default. */
  choice?: number | undefined
}

// Finish reasons outside OpenAI's list that name a known end: Mistral `model_length` (its context is full)
// and `error`, DeepSeek `insufficient_system_resource` (the inference system cut the reply).
const LENGTH_ALIASES = ['model_length'] as const
const ERROR_ALIASES = ['error', 'insufficient_system_resource'] as const

/** Reduces the end of a response to an {@link Outcome} for one choice. */
export function outcome(input: OutcomeInput): Outcome {
  const { completion, complete, error } = input
  const index = input.choice ?? 0
  const base: OutcomeBase = { completion, choice: index }
  if (error !== undefined) return { ...base, type: 'error', error }
  if (!complete) return { ...base, type: 'incomplete', reason: 'no_done' }
  const choice = completion.choices.find((candidate) => candidate.index === index)

  return match(choice)
    .returnType<Outcome>()
    .with(P.union(undefined, { finish_reason: P.union(P.nullish, '') }), () => ({
      ...base,
      type: 'incomplete',
      reason: 'no_finish_reason',
    }))
    .with({ finish_reason: 'stop', message: { refusal: P.select(P.string.minLength(1)) } }, (refusal) => ({
      ...base,
      type: 'refusal',
      refusal,
    }))
    .with({ finish_reason: 'stop' }, () => ({ ...base, type: 'stop' }))
    .with({ finish_reason: P.union('length', ...LENGTH_ALIASES) }, () => ({ ...base, type: 'length' }))
    .with({ finish_reason: P.union('tool_calls', 'function_call') }, (found) => ({
      ...base,
      type: 'tool_calls',
      calls: toolCalls(found),
    }))
    .with({ finish_reason: 'content_filter' }, (found) => ({
      ...base,
      type: 'content_filter',
      results: found.content_filter_results,
    }))
    .with({ finish_reason: P.union(...ERROR_ALIASES) }, ({ finish_reason }) => ({
      ...base,
      type: 'error',
      error: new ServerError(`The model stopped with finish_reason "${finish_reason}"`, {
        partial: completion,
      }),
    }))
    .with({ finish_reason: P.string }, ({ finish_reason }) => ({
      ...base,
      type: 'other',
      finishReason: finish_reason,
    }))
    .exhaustive()
}

function toolCalls(choice: ChatCompletionChoice): ParsedToolCall[] {
  const calls = (choice.message.tool_calls ?? []).map((call) =>
    parseCall(call.id, call.function.name, call.function.arguments),
  )
  // The legacy `functions` API answers with one `message.function_call` and `finish_reason: function_call`.
  const legacy = choice.message.function_call
  if (calls.length === 0 && typeof legacy === 'object' && legacy !== null) {
    const { name, arguments: args } = legacy as { name?: unknown; arguments?: unknown }
    calls.push(parseCall('', typeof name === 'string' ? name : '', typeof args === 'string' ? args : ''))
  }
  return calls
}

function parseCall(id: string, name: string, args: string): ParsedToolCall {
  // Some providers send "" for a tool without parameters; it means the same as "{}".
  if (args.trim() === '') return { id, name, arguments: args, input: {} }
  try {
    return { id, name, arguments: args, input: JSON.parse(args) }
  } catch (error) {
    const parseError = error instanceof Error ? error.message : 'invalid JSON'
    return { id, name, arguments: args, input: undefined, parseError }
  }
}
