import type { StandardJSONSchemaV1, StandardSchemaV1 } from './standard-schema.js'

/**
 * A schema library's own JSON Schema converter, for a library whose schemas do not convert themselves
 * (valibot: `toJsonSchema` from `@valibot/to-json-schema`). It gets the schema and returns its JSON Schema.
 */
export type JsonSchemaConverter<Schema> = (schema: Schema) => object

// What a library answers for: its converter is the only judge of what the schema means as JSON Schema.
const TARGET = 'draft-2020-12'

// Libraries that have a converter of their own, so that the error can say which one to pass.
const CONVERTERS: Record<string, string> = {
  valibot: 'toJsonSchema from @valibot/to-json-schema',
}

/**
 * The JSON Schema of what the model must write for `schema`: the schema's own Standard JSON Schema
 * (`~standard.jsonSchema.input`), else `converter`'s. Throws a `TypeError` naming `label` when neither exists
 * or the conversion fails. The top-level `$schema` is left out: the services do not need it.
 */
export function jsonSchemaOf<Schema extends StandardSchemaV1>(
  schema: Schema,
  converter: JsonSchemaConverter<Schema> | undefined,
  label: string,
): Record<string, unknown> {
  let converted: unknown
  try {
    if (converter !== undefined) converted = converter(schema)
    else {
      const standard = (schema as unknown as Partial<StandardJSONSchemaV1>)['~standard']
      const jsonSchema = standard?.jsonSchema
      if (typeof jsonSchema?.input !== 'function') throw missingConverter(schema, label)
      converted = jsonSchema.input({ target: TARGET })
    }
  } catch (error) {
    if (error instanceof MissingConverterError) throw error
    throw new TypeError(`${label}: its schema could not be converted to JSON Schema`, { cause: error })
  }
  if (typeof converted !== 'object' || converted === null || Array.isArray(converted)) {
    throw new TypeError(`${label}: its JSON Schema converter did not return an object`)
  }
  const { $schema: _dialect, ...rest } = converted as Record<string, unknown>
  return rest
}

class MissingConverterError extends TypeError {}

function missingConverter(schema: StandardSchemaV1, label: string): MissingConverterError {
  const vendor = schema['~standard']?.vendor ?? 'unknown'
  const hint = CONVERTERS[vendor] ?? "the schema library's JSON Schema converter"
  return new MissingConverterError(
    `${label}: a ${vendor} schema does not convert itself to JSON Schema; pass toJsonSchema (${hint})`,
  )
}
