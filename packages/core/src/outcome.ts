import { match } from 'ts-pattern'
import { isObject } from './chunk-fields.js'
import { type ChatError, ServerError } from './errors.js'
import { jsonErrorKind } from './json-error-kind.js'
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
  /** Why the arguments could not be parsed, when they could not: the kind of fault and where, never the text. */
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
 * - a reply that finished (`stop`) with tool calls in its message is `tool_calls`: OpenAI reports `stop` after
 *   the calls when `tool_choice` names a function, and so do vLLM and LiteLLM-proxied Gemini and Cohere. The
 *   calls are complete (the reply finished), so they are the model's request to run them, as the `openai`
 *   SDK's `runTools` takes them. Any other end keeps its own variant whatever calls streamed: `length` (the
 *   calls may be cut mid-arguments), `content_filter`, `error`, `other`;
 * - Together's `eos` and watsonx's `eos_token` are `stop` (Mistral's `model_length` is `length`);
 * - `content_filter`: the reply was filtered (`results` are the choice's `content_filter_results`);
 * - `refusal`: the model refused (`message.refusal`), even when it reported `stop`;
 * - `incomplete`: the choice never got a finish reason (`no_finish_reason`: the stream ended while it was
 *   open, or there was no such choice), or the bytes ended inside a frame (`truncated`: the connection was
 *   cut mid-event): `completion` is partial. A stream that ended without `data: [DONE]` after every choice
 *   finished is not incomplete (proxies drop `[DONE]`): its outcome is the finish reason, as the `openai`
 *   SDK and the AI SDK report it; `ChatResult.sawDone` keeps that fact;
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
    | { type: 'incomplete'; reason: 'no_finish_reason' | 'truncated' }
    | { type: 'error'; error: ChatError }
    | { type: 'other'; finishReason: string }
  )

/** What {@link outcome} reduces. */
export interface OutcomeInput {
  /** The completion: a non-streamed reply, or what a stream accumulated (complete or not). */
  completion: ChatCompletion
  /**
   * `true` when the stream's bytes ended inside a frame (`ChunkStream.truncated`): every choice is then
   * `incomplete` (`truncated`), whatever finish reasons arrived before the cut.
   */
  truncated?: boolean | undefined
  /** The error that ended the request or stream, if one did. */
  error?: ChatError | undefined
  /** Which choice to describe, by its `index` (for `n > 1`); 0 by default. */
  choice?: number | undefined
}

// Finish reasons outside OpenAI's list that name a known end: Together `eos` (its Llama models) and watsonx
// `eos_token` (the model's end-of-sequence token: a clean finish), Mistral `model_length` (its context is
// full) and `error`, DeepSeek `insufficient_system_resource` (the inference system cut the reply).
const STOP_ALIASES = ['eos', 'eos_token'] as const
const LENGTH_ALIASES = ['model_length'] as const
const ERROR_ALIASES = ['error', 'insufficient_system_resource'] as const

type Loose = Record<string, unknown>

/**
 * Reduces the end of a response to an {@link Outcome} for one choice. Any shape is reduced, a non-conforming
 * reply's too (a choice without `finish_reason` or `message`, tool calls without `function`): what is missing
 * reads as absent, and nothing throws.
 */
export function outcome(input: OutcomeInput): Outcome {
  const { completion, error } = input
  const index = input.choice ?? 0
  const end = (variant: DistributiveOmit<Outcome, keyof OutcomeBase>): Outcome =>
    ({ completion, choice: index, ...variant }) as Outcome
  if (error !== undefined) return end({ type: 'error', error })
  if (input.truncated === true) return end({ type: 'incomplete', reason: 'truncated' })
  const choices: unknown = completion.choices
  const choice = Array.isArray(choices)
    ? (choices.find((candidate) => (candidate as Loose | null)?.index === index) as Loose | undefined)
    : undefined
  const reason = choice?.finish_reason
  const message = isObject(choice?.message) ? choice.message : {}

  // Matched on the finish reason alone, never on the choice: a failed match would quote the model's words.
  return (
    match(typeof reason === 'string' && reason !== '' ? reason : undefined)
      .returnType<Outcome>()
      .with(undefined, () => end({ type: 'incomplete', reason: 'no_finish_reason' }))
      .with('stop', ...STOP_ALIASES, () => {
        const { refusal } = message
        if (typeof refusal === 'string' && refusal !== '') return end({ type: 'refusal', refusal })
        const calls = toolCalls(message)
        return end(calls.length > 0 ? { type: 'tool_calls', calls } : { type: 'stop' })
      })
      .with('length', ...LENGTH_ALIASES, () => end({ type: 'length' }))
      .with('tool_calls', 'function_call', () => end({ type: 'tool_calls', calls: toolCalls(message) }))
      .with('content_filter', () =>
        end({
          type: 'content_filter',
          results: choice?.content_filter_results as ChatCompletionChoice['content_filter_results'],
        }),
      )
      .with(...ERROR_ALIASES, (finishReason) =>
        end({
          type: 'error',
          error: new ServerError(`The model stopped with finish_reason "${finishReason}"`, {
            partial: completion,
          }),
        }),
      )
      // Any other reason, named as the service sent it. Literal patterns only (no `P`, whose objects ts-pattern
      // builds at load and no bundler can drop): the reducer is on every stream's path, whose size is budgeted.
      .otherwise((finishReason) => end({ type: 'other', finishReason: finishReason as string }))
  )
}

/** `Omit` applied to each member of a union, so that each variant keeps its own fields. */
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never

function toolCalls(message: Loose): ParsedToolCall[] {
  const calls: ParsedToolCall[] = []
  const list = message.tool_calls
  if (Array.isArray(list)) {
    for (const call of list) {
      if (!isObject(call)) continue
      const fn = isObject(call.function) ? call.function : {}
      calls.push(parseCall(stringOr(call.id), fn))
    }
  }
  // The legacy `functions` API answers with one `message.function_call` and `finish_reason: function_call`.
  const legacy = message.function_call
  if (calls.length === 0 && isObject(legacy)) calls.push(parseCall('', legacy))
  return calls
}

function parseCall(id: string, fn: Loose): ParsedToolCall {
  const args = stringOr(fn.arguments)
  const call: ParsedToolCall = { id, name: stringOr(fn.name), arguments: args, input: {} }
  // Some providers send "" for a tool without parameters; it means the same as "{}".
  if (args.trim() === '') return call
  try {
    call.input = JSON.parse(args)
  } catch (error) {
    // The kind of fault, not the engine's message, which quotes the arguments.
    call.input = undefined
    call.parseError = `Invalid JSON: ${jsonErrorKind(error)}`
  }
  return call
}

function stringOr(value: unknown): string {
  return typeof value === 'string' ? value : ''
}
