import type { RequestIssue } from '../errors.js'
import { formatIssuePath } from '../issue-path.js'
import type { StandardSchemaV1 } from './standard-schema.js'

/** What {@link validateStandard} found: the schema's output, or the issues with their paths. */
export type StandardValidation<Output> =
  | { success: true; value: Output }
  | { success: false; issues: RequestIssue[] }

/**
 * Validates `value` with a Standard Schema (sync or async) and gives its output, or its issues with paths
 * written as in JavaScript (`address.city`, `items[2]`; `""` for the value itself).
 */
export async function validateStandard<Schema extends StandardSchemaV1>(
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
