import { InvalidRequestError, type RequestIssue } from '../errors.js'
import { formatIssuePath } from '../issue-path.js'

// Keywords whose value is one schema, or a list or a map of schemas, that strict mode checks in turn.
const ONE = ['items', 'additionalItems', 'not', 'contains'] as const
const LIST = ['anyOf', 'oneOf', 'allOf', 'prefixItems', 'items'] as const
const MAP = ['properties', '$defs', 'definitions', 'patternProperties'] as const

/**
 * What OpenAI's strict mode (`strict: true`) would reject in a JSON Schema, checked before sending: the root must
 * be an object, and every object must list all its properties in `required` and set `additionalProperties:
 * false`. Each issue's path starts at `base` (`response_format.json_schema.schema`) and ends at the offending
 * node. Deeply nested schemas are checked to a depth of 64.
 */
export function strictSchemaIssues(
  schema: Record<string, unknown>,
  base: readonly PropertyKey[],
): RequestIssue[] {
  const issues: RequestIssue[] = []
  if (!isObjectSchema(schema)) {
    issues.push({
      path: formatIssuePath(base),
      message: 'Expected an object schema at the root (strict mode)',
    })
  }
  visit(schema, [...base], issues, 0)
  return issues
}

/**
 * Throws an {@link InvalidRequestError} listing {@link strictSchemaIssues} when there are any; `label` says whose
 * schema it is (`Tool get_weather`, `Response format person`).
 */
export function checkStrictSchema(
  schema: Record<string, unknown>,
  base: readonly PropertyKey[],
  label: string,
): void {
  const issues = strictSchemaIssues(schema, base)
  const [first] = issues
  if (first === undefined) return
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : ''
  throw new InvalidRequestError(`${label}: ${first.path}: ${first.message}${more}`, { issues })
}

function visit(node: unknown, path: PropertyKey[], issues: RequestIssue[], depth: number): void {
  if (typeof node !== 'object' || node === null || Array.isArray(node) || depth > 64) return
  const schema = node as Record<string, unknown>
  if (isObjectSchema(schema)) {
    if (schema.additionalProperties !== false) {
      issues.push({
        path: formatIssuePath([...path, 'additionalProperties']),
        message: 'Expected additionalProperties: false on every object (strict mode)',
      })
    }
    const properties = schema.properties
    const required = new Set(Array.isArray(schema.required) ? schema.required : [])
    if (typeof properties === 'object' && properties !== null) {
      for (const name of Object.keys(properties)) {
        if (required.has(name)) continue
        issues.push({
          path: formatIssuePath([...path, 'properties', name]),
          message:
            'Expected the property to be listed in required: strict mode requires every property (make it nullable instead of optional)',
        })
      }
    }
  }
  for (const key of ONE) visit(schema[key], [...path, key], issues, depth + 1)
  for (const key of LIST) {
    const list = schema[key]
    if (!Array.isArray(list)) continue
    for (const [index, item] of list.entries()) visit(item, [...path, key, index], issues, depth + 1)
  }
  for (const key of MAP) {
    const map = schema[key]
    if (typeof map !== 'object' || map === null) continue
    for (const [name, item] of Object.entries(map)) visit(item, [...path, key, name], issues, depth + 1)
  }
}

function isObjectSchema(schema: Record<string, unknown>): boolean {
  const { type } = schema
  if (type === 'object') return true
  if (Array.isArray(type)) return type.includes('object')
  return type === undefined && typeof schema.properties === 'object' && schema.properties !== null
}
