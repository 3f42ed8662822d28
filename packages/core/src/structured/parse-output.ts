import type { ChatErrorOptions } from '../errors.js'
import type { StandardSchemaV1 } from '../tools/standard-schema.js'
import { validateStandard } from '../tools/validate-standard.js'
import { OutputValidationError } from './output-validation-error.js'

/**
 * The model's output text as the schema's output: parsed as JSON, then validated by the schema. Rejects
 * with an {@link OutputValidationError} (carrying `options`: request id, headers, the completion) when it is not
 * JSON or the schema rejects it.
 */
export async function parseOutput<Schema extends StandardSchemaV1>(
  schema: Schema,
  text: string,
  options: ChatErrorOptions = {},
): Promise<StandardSchemaV1.InferOutput<Schema>> {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    const issues = [{ path: '', message: 'Expected JSON' }]
    throw new OutputValidationError('invalid_json', issues, text, options)
  }
  const validated = await validateStandard(schema, json)
  if (!validated.success) throw new OutputValidationError('schema', validated.issues, text, options)
  return validated.value
}
