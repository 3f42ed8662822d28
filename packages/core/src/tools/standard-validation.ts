import { formatIssuePath } from '../issue-path.js'
import type { StandardSchemaV1 } from './standard-schema.js'
import { unquotedIssueMessage, valueAtPath } from './unquoted-issue.js'
import type { StandardValidation, validateStandard } from './validate-standard.js'

/** {@link validateStandard}, loaded by it (and by the tools runner) on first use. */
export async function standardValidation<Schema extends StandardSchemaV1>(
  schema: Schema,
  value: unknown,
): Promise<StandardValidation<StandardSchemaV1.InferOutput<Schema>>> {
  const result = await schema['~standard'].validate(value)
  if (result.issues === undefined) return { success: true, value: result.value }
  const issues = result.issues.map((issue) => {
    const keys = (issue.path ?? []).map((segment) => (isSegment(segment) ? segment.key : segment))
    // The library's message may quote the value: it is the model's output or a tool's arguments.
    return {
      path: formatIssuePath(keys),
      message: unquotedIssueMessage(issue.message, valueAtPath(value, keys)),
    }
  })
  return { success: false, issues }
}

function isSegment(
  segment: PropertyKey | StandardSchemaV1.PathSegment,
): segment is StandardSchemaV1.PathSegment {
  return typeof segment === 'object' && segment !== null
}
