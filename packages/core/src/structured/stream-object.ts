import { linkSignals } from '../client/abort.js'
import type { ChatResult } from '../client/chat-result.js'
import type { ChatClient } from '../client/create-chat-client.js'
import type { DeltaEvent } from '../delta-events.js'
import type { Outcome } from '../outcome.js'
import type { ChatRequest } from '../schema/request.js'
import type { StandardSchemaV1 } from '../tools/standard-schema.js'
import { jsonSchemaFormat } from './json-schema-format.js'
import {
  errorContextOf,
  type ObjectOptions,
  type ObjectResult,
  splitObjectOptions,
} from './object-options.js'
import type { OutputValidationError } from './output-validation-error.js'
import { parseOutput } from './parse-output.js'
import { readPartialJson } from './partial-json.js'

/**
 * How often `streamObject` parses the text so far: once it grew by this share of its length since the last
 * parse (every delta up to 256 characters, every 1 KB or so past 256 KB).
 */
const PARSE_SHARE = 256

/** An object as far as it has streamed: every property optional, at every depth. */
export type PartialObject<T> = T extends readonly (infer Item)[]
  ? PartialObject<Item>[]
  : T extends object
    ? { [Key in keyof T]?: PartialObject<T[Key]> }
    : T

/** The object so far, each time the streamed JSON adds to it; what it holds stays in the next ones. */
export interface PartialObjectEvent<T> {
  type: 'object.partial'
  object: PartialObject<T>
}

/** The whole object, validated by the schema, after the last partial (which it equals, unless the schema transforms). */
export interface ObjectEvent<T> {
  type: 'object'
  object: T
}

/** What an object stream gives: the reply's deltas, the object as it grows, then the validated object. */
export type ObjectStreamEvent<T> = DeltaEvent | PartialObjectEvent<T> | ObjectEvent<T>

/**
 * A streamed object, read once: iterate its events, then (or instead) `await final()`. Iteration throws the
 * `ChatError` that ended it (an `OutputValidationError` when the output is not JSON or fails the schema) after
 * its last event; `final()` never rejects: such an error is in its outcome (`error`).
 */
export interface ObjectStream<T> extends AsyncIterable<ObjectStreamEvent<T>> {
  /** The result and its `object` once the stream ended, however it ended. Never rejects. */
  final(): Promise<ObjectResult<T>>
  /** Aborts the request. */
  abort(reason?: unknown): void
}

/**
 * Streams an object matching `schema`: the reply's deltas, an `object.partial` event each time the JSON so far
 * adds to the object (a best-effort parse that never throws, and never loses what it showed), then the object
 * validated by the schema. The text so far is parsed on every delta while it is short, then once it grew by
 * 1/256 of its length since the last parse (a partial every 400 characters or so of a 100 KB object), and
 * always at its end: the last partial holds the whole output, and the total work stays linear in its length. As `completeObject`, a refusal or any end but `stop` gives `object: undefined`.
 * Throws at once, sending nothing, when the schema cannot be converted or breaks the strict rules.
 *
 * @example
 * const stream = streamObject(client, { model, messages }, { schema: Person, name: 'person' })
 * for await (const event of stream) if (event.type === 'object.partial') render(event.object)
 * const { object } = await stream.final()
 */
export function streamObject<Schema extends StandardSchemaV1, Request extends ChatRequest>(
  client: ChatClient<Request>,
  request: Request,
  options: ObjectOptions<Schema>,
): ObjectStream<StandardSchemaV1.InferOutput<Schema>> {
  type Output = StandardSchemaV1.InferOutput<Schema>
  const { format, call } = splitObjectOptions(options)
  // Made now, so that a schema that cannot be converted, or breaks the strict rules, fails where it is written.
  const response_format = jsonSchemaFormat(options.schema, format)
  let settled = false
  let resolveResult!: (result: ObjectResult<Output>) => void
  const result = new Promise<ObjectResult<Output>>((resolve) => {
    resolveResult = resolve
  })
  const settle = (value: ObjectResult<Output>) => {
    settled = true
    resolveResult(value)
  }
  let read = false
  const controller = new AbortController()

  async function* events(): AsyncGenerator<ObjectStreamEvent<Output>, void, undefined> {
    const unlink = linkSignals(controller, call.signal === undefined ? [] : [call.signal])
    const stream = client.stream({ ...request, response_format }, { ...call, signal: controller.signal })
    try {
      let text = ''
      let parsed = 0
      let shown = 0
      // The text so far as the object so far, when it shapes more of it than the last one shown. A delta of
      // whitespace, of half a key, of a comma leaves the extent, and the object, as they were.
      function* partial(): Generator<PartialObjectEvent<Output>> {
        parsed = text.length
        const { value, extent } = readPartialJson(text)
        if (value === undefined || extent === shown) return
        shown = extent
        yield { type: 'object.partial', object: value as PartialObject<Output> }
      }
      for await (const event of stream) {
        yield event
        if (event.type !== 'content.delta' || event.choiceIndex !== 0) continue
        text += event.delta
        // Each parse reads the whole text: parsing once the text grew by a 1/PARSE_SHARE of itself keeps the
        // work linear (about PARSE_SHARE times the text's length) where parsing on every delta was quadratic.
        if ((text.length - parsed) * PARSE_SHARE >= text.length) yield* partial()
      }
      if (parsed < text.length) yield* partial()
      const final = await stream.final()
      if (final.outcome.type !== 'stop') return settle({ ...final, object: undefined })
      let object: Output
      try {
        object = await parseOutput(options.schema, final.text, errorContextOf(final))
      } catch (error) {
        settle({ ...failed(final, error as OutputValidationError), object: undefined })
        throw error
      }
      yield { type: 'object', object }
      settle({ ...final, object })
    } finally {
      // Reached unsettled when the stream failed, or when the reader stopped early (which aborted it).
      if (!settled) settle({ ...(await stream.final()), object: undefined })
      unlink()
    }
  }

  let generator: AsyncGenerator<ObjectStreamEvent<Output>, void, undefined> | undefined
  const claim = () => {
    if (read) throw new TypeError('This ObjectStream is already read: a stream is read once')
    read = true
    generator = events()
    return generator
  }
  return {
    [Symbol.asyncIterator]: claim,
    final() {
      if (!read) void drain(claim())
      return result
    },
    abort(reason?: unknown) {
      controller.abort(reason)
    },
  }
}

/** The result with its first outcome turned into the error. */
function failed(result: ChatResult, error: OutputValidationError): ChatResult {
  const outcome: Outcome = {
    completion: result.completion,
    choice: result.outcome.choice,
    type: 'error',
    error,
  }
  return { ...result, outcome, outcomes: [outcome, ...result.outcomes.slice(1)] }
}

async function drain(events: AsyncGenerator<unknown, void, undefined>): Promise<void> {
  try {
    while ((await events.next()).done !== true) {
      // Only the result is wanted.
    }
  } catch {
    // Reported through final().
  }
}
