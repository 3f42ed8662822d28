import type { ChatResult } from '../client/chat-result.js'
import type { ChatCallOptions } from '../client/options.js'
import type { ChatErrorOptions } from '../errors.js'
import type { StandardSchemaV1 } from '../tools/standard-schema.js'
import type { JsonSchemaFormatOptions } from './json-schema-format.js'

/** Options of `completeObject` and `streamObject`: the schema and its format, plus the call's options. */
export interface ObjectOptions<Schema extends StandardSchemaV1>
  extends ChatCallOptions,
    JsonSchemaFormatOptions<Schema> {
  /** A Standard Schema (valibot, zod 4, arktype) of the object: sent as JSON Schema, then validating the output. */
  schema: Schema
}

/**
 * A call's result with its object: the schema's output when the model finished (`outcome.type === 'stop'`),
 * `undefined` otherwise (`refusal`, `length`, `content_filter`, …: the outcome says why).
 */
export type ObjectResult<T> = ChatResult & { object: T | undefined }

/** The format options and the call options of an {@link ObjectOptions}, apart. */
export function splitObjectOptions<Schema extends StandardSchemaV1>(
  options: ObjectOptions<Schema>,
): { format: JsonSchemaFormatOptions<Schema>; call: ChatCallOptions } {
  const { schema: _schema, name, description, strict, toJsonSchema, ...call } = options
  return { format: { name, description, strict, toJsonSchema }, call }
}

/** What an error about a result's output carries: the reply's ids and the completion. */
export function errorContextOf(result: ChatResult): ChatErrorOptions {
  return { requestId: result.requestId, headers: result.headers, partial: result.completion }
}
