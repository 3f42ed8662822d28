import { ChoiceState } from './choice-state.js'
import { keepExtra, malformed } from './chunk-fields.js'
import type { DeltaListener } from './delta-events.js'
import { MalformedStreamError } from './errors.js'
import { assignEntries } from './own-properties.js'
import type { ChatCompletionChunk } from './schema/chunk.js'
import type { ChatCompletion, ChatCompletionChoice, PromptFilterResult } from './schema/response.js'
import type { Usage } from './schema/usage.js'
import { readStreamIndex } from './stream-index.js'

/** Options of {@link createAccumulator}. */
export interface AccumulatorOptions {
  /** Receives every {@link DeltaEvent}, unless `push()` or `finish()` is given a listener of its own. */
  onEvent?: DeltaListener | undefined
}

/**
 * Folds the chunks of one streamed response into a `chat.completion`, reporting what each chunk adds as typed
 * {@link DeltaEvent}s. Made by {@link createAccumulator}; the methods are bound, so `chunks.forEach(acc.push)`
 * works.
 */
export interface Accumulator {
  /**
   * Folds one chunk in. Events go, synchronously and in stream order, to `onEvent` if given, else to the
   * listener given at creation; with neither, no event object is made at all. Throws a
   * {@link MalformedStreamError} (with the partial completion, without the payload) when the chunk breaks the
   * format: a bad choice or tool-call index, a delta field of the wrong type.
   */
  push(chunk: ChatCompletionChunk, onEvent?: DeltaListener): void
  /**
   * The completion so far. The same object is returned until the next `push`, and choices no chunk touched
   * since keep their identity (handy for `useSyncExternalStore`). Treat it as read-only.
   */
  snapshot(): ChatCompletion
  /** The same as {@link Accumulator.snapshot}. */
  completion(): ChatCompletion
  /**
   * Ends the stream: reports `tool_call.done` for the calls whose choice never got a finish reason, and returns
   * the final completion. A choice without a finish reason keeps `finish_reason: null` (the outcome reducer
   * calls that incomplete). Calling it again returns the same completion; `push` after it throws.
   */
  finish(onEvent?: DeltaListener): ChatCompletion
}

/** What the accumulator knows of a response apart from its choices. */
class ResponseState {
  id = ''
  created = 0
  model = ''
  systemFingerprint: string | undefined = undefined
  serviceTier: string | undefined = undefined
  usage: Usage | undefined = undefined
  promptFilterResults: PromptFilterResult[] | undefined = undefined
  extras: Map<string, unknown> | undefined = undefined
  /** By choice index: an array, so that no provider string ever becomes a property key. */
  readonly choices: (ChoiceState | undefined)[] = []
  built: ChatCompletion | undefined = undefined
  finished = false
}

/**
 * Creates an incremental accumulator for one streamed response.
 *
 * Metadata keeps the last meaningful value: an empty `id`/`model`/`object`, a `created` of 0 or a `usage: null`
 * (Azure's prompt-filter chunk, Qwen's every chunk) never overwrites a real one, and `prompt_filter_results`,
 * `system_fingerprint`, `service_tier` and unknown top-level fields (`citations`, `x_groq`) are kept.
 * Reasoning sent as `reasoning_content`, as Groq's `reasoning` or as Mistral thinking parts lands in
 * `message.reasoning_content`; when the provider used `reasoning`, `message.reasoning` holds the same text.
 *
 * @example
 * const acc = createAccumulator({ onEvent: (e) => e.type === 'content.delta' && render(e.delta) })
 * for await (const chunk of chunks) acc.push(chunk)
 * const completion = acc.finish()
 */
export function createAccumulator(options: AccumulatorOptions = {}): Accumulator {
  const state = new ResponseState()
  const listener = options.onEvent
  const snapshot = (): ChatCompletion => {
    if (state.built === undefined) state.built = buildCompletion(state)
    return state.built
  }
  return {
    push(chunk: ChatCompletionChunk, onEvent?: DeltaListener): void {
      if (state.finished) throw new Error('push() after finish(): use a new accumulator for a new stream')
      state.built = undefined
      try {
        foldChunk(state, chunk, onEvent ?? listener)
      } catch (error) {
        if (error instanceof MalformedStreamError && error.partial === undefined) {
          throw new MalformedStreamError(error.message, { partial: snapshot() })
        }
        throw error
      }
    },
    snapshot,
    completion: snapshot,
    finish(onEvent?: DeltaListener): ChatCompletion {
      if (!state.finished) {
        state.finished = true
        const emit = onEvent ?? listener
        for (let i = 0; i < state.choices.length; i++) state.choices[i]?.finishToolCalls(emit)
      }
      return snapshot()
    },
  }
}

function foldChunk(state: ResponseState, chunk: ChatCompletionChunk, emit: DeltaListener | undefined): void {
  if (typeof chunk !== 'object' || chunk === null) throw new MalformedStreamError('A chunk is not an object')
  const fields = chunk as Record<string, unknown>
  for (const key in fields) {
    const value = fields[key]
    if (value === undefined || value === null) continue
    switch (key) {
      case 'choices':
        foldChoices(state, value, emit)
        break
      case 'id':
        if (typeof value === 'string' && value !== '') state.id = value
        break
      case 'model':
        if (typeof value === 'string' && value !== '') state.model = value
        break
      case 'created':
        if (typeof value === 'number' && value > 0) state.created = value
        break
      case 'usage':
        if (typeof value === 'object') state.usage = value as Usage
        break
      case 'system_fingerprint':
        if (typeof value === 'string' && value !== '') state.systemFingerprint = value
        break
      case 'service_tier':
        if (typeof value === 'string' && value !== '') state.serviceTier = value
        break
      case 'prompt_filter_results':
        if (Array.isArray(value) && value.length > 0) state.promptFilterResults = value
        break
      // `object` is always 'chat.completion' on the result (Perplexity ends with 'chat.completion.done'), and
      // OpenAI's `obfuscation` is random padding that sizes one chunk: meaningless on a whole completion.
      case 'object':
      case 'obfuscation':
        break
      default:
        state.extras = keepExtra(state.extras, key, value)
    }
  }
}

function foldChoices(state: ResponseState, value: unknown, emit: DeltaListener | undefined): void {
  if (!Array.isArray(value)) throw malformed('choices that are not an array')
  for (let i = 0; i < value.length; i++) {
    const choice = value[i] as Record<string, unknown> | null
    if (typeof choice !== 'object' || choice === null) throw malformed('a choice that is not an object')
    const rawIndex = choice.index
    const index = rawIndex === undefined || rawIndex === null ? 0 : readStreamIndex(rawIndex, 'choice')
    let choiceState = state.choices[index]
    if (choiceState === undefined) {
      choiceState = new ChoiceState(index)
      state.choices[index] = choiceState
    }
    choiceState.fold(choice, emit)
  }
}

function buildCompletion(state: ResponseState): ChatCompletion {
  const choices: ChatCompletionChoice[] = []
  for (let i = 0; i < state.choices.length; i++) {
    const choice = state.choices[i]
    if (choice !== undefined) choices.push(choice.build())
  }
  const completion: ChatCompletion = {
    id: state.id,
    object: 'chat.completion',
    created: state.created,
    model: state.model,
    choices,
  }
  if (state.usage !== undefined) completion.usage = state.usage
  if (state.systemFingerprint !== undefined) completion.system_fingerprint = state.systemFingerprint
  if (state.serviceTier !== undefined) completion.service_tier = state.serviceTier
  if (state.promptFilterResults !== undefined) completion.prompt_filter_results = state.promptFilterResults
  assignEntries(completion, state.extras)
  return completion
}
