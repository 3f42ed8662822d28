import type { RequestIssue } from '../errors.js'
import type { StandardSchemaV1 } from './standard-schema.js'

/** What {@link validateStandard} found: the schema's output, or the issues with their paths. */
export type StandardValidation<Output> =
  | { success: true; value: Output }
  | { success: false; issues: RequestIssue[] }

/**
 * Validates `value` with a Standard Schema (sync or async) and gives its output, or its issues with paths
 * written as in JavaScript (`address.city`, `items[2]`; `""` for the value itself). An issue's message is the
 * library's, with any quote of the value replaced by what it is (`but received a string`): the value may be
 * a model's output or a tool's arguments.
 */
export async function validateStandard<Schema extends StandardSchemaV1>(
  schema: Schema,
  value: unknown,
): Promise<StandardValidation<StandardSchemaV1.InferOutput<Schema>>> {
  // Loaded on first use: in a browser bundle it is a chunk of its own, shared with the tools runner.
  const { standardValidation } = await import('./standard-validation.js')
  return standardValidation(schema, value)
}
