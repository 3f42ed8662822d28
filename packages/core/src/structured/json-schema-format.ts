import type * as v from 'valibot'
import type { JsonSchemaResponseFormatSchema } from '../schema/request.js'
import { type JsonSchemaConverter, jsonSchemaOf } from '../tools/json-schema-of.js'
import type { StandardSchemaV1 } from '../tools/standard-schema.js'
import { checkStrictSchema } from '../tools/strict-json-schema.js'

const NAME_PATTERN = /^[a-zA-Z0-9_-]{1,64}$/

/** A `response_format` of type `json_schema`. */
export type JsonSchemaResponseFormat = v.InferOutput<typeof JsonSchemaResponseFormatSchema>

/** Options of {@link jsonSchemaFormat}. */
export interface JsonSchemaFormatOptions<Schema> {
  /** The format's name, for the model: 1 to 64 of `a-zA-Z0-9_-`. */
  name: string
  /** What the output is, for the model. */
  description?: string | undefined
  /**
   * Sends `strict: true`, so that the service enforces the schema. The schema must then follow the strict rules
   * (every property required, `additionalProperties: false`), checked before sending.
   */
  strict?: boolean | undefined
  /** The schema library's converter, for schemas that do not convert themselves (valibot). */
  toJsonSchema?: JsonSchemaConverter<Schema> | undefined
}

/**
 * The `response_format` that asks for output matching a Standard Schema (valibot, zod 4, arktype), its JSON
 * Schema made by the schema library. With `strict: true`, a schema that breaks the strict rules is an
 * `InvalidRequestError` naming the node (`response_format.json_schema.schema.properties.age`).
 */
export function jsonSchemaFormat<Schema extends StandardSchemaV1>(
  schema: Schema,
  options: JsonSchemaFormatOptions<Schema>,
): JsonSchemaResponseFormat {
  const { name, description, strict, toJsonSchema } = options
  if (typeof name !== 'string' || !NAME_PATTERN.test(name)) {
    throw new TypeError(`A response format's name must be 1 to 64 characters of a-z, A-Z, 0-9, _ or -`)
  }
  const jsonSchema = jsonSchemaOf(schema, toJsonSchema, `Response format ${name}`)
  if (strict === true)
    checkStrictSchema(jsonSchema, ['response_format', 'json_schema', 'schema'], `Response format ${name}`)
  return {
    type: 'json_schema',
    json_schema: {
      name,
      ...(description === undefined ? {} : { description }),
      schema: jsonSchema,
      ...(strict === undefined ? {} : { strict }),
    },
  }
}
