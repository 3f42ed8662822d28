import { ChoiceState } from './choice-state.js'
import { keepOthers, malformed } from './chunk-fields.js'
import type { DeltaListener } from './delta-events.js'
import { MalformedStreamError } from './errors.js'
import { assignEntries } from './own-properties.js'
import type { ChatCompletionChunk } from './schema/chunk.js'
import type { ChatCompletion } from './schema/response.js'
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

/** The chunk fields {@link createAccumulator} reads by name; any other is kept as it came. */
const CHUNK_FIELDS: readonly string[] = [
  'id',
  'model',
  'created',
  'usage',
  'choices',
  'system_fingerprint',
  'service_tier',
  'prompt_filter_results',
  'object',
  'obfuscation',
]

/** A non-empty string: a field's meaningful value. */
function isText(value: unknown): value is string {
  return typeof value === 'string' && value !== ''
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
  const listener = options.onEvent
  // What is known of the response apart from its choices: each field's last meaningful value.
  let id = ''
  let created = 0
  let model = ''
  let systemFingerprint: unknown
  let serviceTier: unknown
  let usage: unknown
  let promptFilterResults: unknown
  let extras: Map<string, unknown> | undefined
  /** By choice index: an array, so that no provider string ever becomes a property key. */
  const choices: (ChoiceState | undefined)[] = []
  let built: ChatCompletion | undefined
  let finished = false

  function fold(chunk: ChatCompletionChunk, emit: DeltaListener | undefined): void {
    if (typeof chunk !== 'object' || chunk === null)
      throw new MalformedStreamError('A chunk is not an object')
    const fields = chunk as Record<string, unknown>
    const { id: newId, model: newModel, created: newCreated, usage: newUsage, choices: list } = fields
    const { system_fingerprint: fingerprint, service_tier: tier, prompt_filter_results: filters } = fields
    if (isText(newId)) id = newId
    if (isText(newModel)) model = newModel
    if (typeof newCreated === 'number' && newCreated > 0) created = newCreated
    if (typeof newUsage === 'object' && newUsage !== null) usage = newUsage
    if (isText(fingerprint)) systemFingerprint = fingerprint
    if (isText(tier)) serviceTier = tier
    if (Array.isArray(filters) && filters.length > 0) promptFilterResults = filters
    if (list != null) foldChoices(list, emit)
    // `object` is always 'chat.completion' on the result (Perplexity ends with 'chat.completion.done'), and
    // OpenAI's `obfuscation` is random padding that sizes one chunk: meaningless on a whole completion.
    const present =
      +(newId !== undefined) +
      +(newModel !== undefined) +
      +(newCreated !== undefined) +
      +(newUsage !== undefined) +
      +(list !== undefined) +
      +(fingerprint !== undefined) +
      +(tier !== undefined) +
      +(filters !== undefined) +
      +(fields.object !== undefined) +
      +(fields.obfuscation !== undefined)
    extras = keepOthers(extras, fields, CHUNK_FIELDS, present)
  }

  function foldChoices(value: unknown, emit: DeltaListener | undefined): void {
    if (!Array.isArray(value)) throw malformed('choices that are not an array')
    for (let i = 0; i < value.length; i++) {
      const choice = value[i] as Record<string, unknown> | null
      if (typeof choice !== 'object' || choice === null) throw malformed('a choice that is not an object')
      const rawIndex = choice.index
      const index = rawIndex === undefined || rawIndex === null ? 0 : readStreamIndex(rawIndex, 'choice')
      let state = choices[index]
      if (state === undefined) {
        state = new ChoiceState(index)
        choices[index] = state
      }
      state.fold(choice, emit)
    }
  }

  function snapshot(): ChatCompletion {
    if (built !== undefined) return built
    const completion: ChatCompletion = { id, object: 'chat.completion', created, model, choices: [] }
    for (let i = 0; i < choices.length; i++) {
      const choice = choices[i]
      if (choice !== undefined) completion.choices.push(choice.build())
    }
    const kept = completion as unknown as Record<string, unknown>
    if (usage !== undefined) kept.usage = usage
    if (systemFingerprint !== undefined) kept.system_fingerprint = systemFingerprint
    if (serviceTier !== undefined) kept.service_tier = serviceTier
    if (promptFilterResults !== undefined) kept.prompt_filter_results = promptFilterResults
    assignEntries(completion, extras)
    built = completion
    return completion
  }

  return {
    push(chunk: ChatCompletionChunk, onEvent?: DeltaListener): void {
      if (finished) throw new Error('push() after finish(): use a new accumulator for a new stream')
      built = undefined
      try {
        fold(chunk, onEvent ?? listener)
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
      if (!finished) {
        finished = true
        const emit = onEvent ?? listener
        for (let i = 0; i < choices.length; i++) choices[i]?.finishToolCalls(emit)
      }
      return snapshot()
    },
  }
}
