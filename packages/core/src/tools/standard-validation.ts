import { formatIssuePath } from '../issue-path.js'
import type { StandardSchemaV1 } from './standard-schema.js'
import type { StandardValidation, validateStandard } from './validate-standard.js'

/** {@link validateStandard}, loaded by it (and by the tools runner) on first use. */
export async function standardValidation<Schema extends StandardSchemaV1>(
  schema: Schema,
  value: unknown,
): Promise<StandardValidation<StandardSchemaV1.InferOutput<Schema>>> {
  const result = await schema['~standard'].validate(value)
  if (result.issues === undefined) return { success: true, value: result.value }
  const issues = result.issues.map((issue) => ({
    path: formatIssuePath((issue.path ?? []).map((segment) => (isSegment(segment) ? segment.key : segment))),
    message: issue.message,
  }))
  return { success: false, issues }
}

function isSegment(
  segment: PropertyKey | StandardSchemaV1.PathSegment,
): segment is StandardSchemaV1.PathSegment {
  return typeof segment === 'object' && segment !== null
}
