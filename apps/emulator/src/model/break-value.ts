import type { JsonSchema } from '../chat-request.js'

/**
 * A value that fails `schema`, made from one that satisfies it: the first required property left out, else the
 * first property given a value of the wrong type, else a value of the wrong type altogether. For the
 * `wrong_schema` and `invalid_arguments` directives.
 */
export function breakValue(schema: JsonSchema, value: unknown): unknown {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const object = { ...(value as Record<string, unknown>) }
    const required = Array.isArray(schema.required) ? schema.required.map(String) : []
    const missing = required.find((name) => name in object)
    if (missing !== undefined) {
      delete object[missing]
      return object
    }
    const [first] = Object.keys(object)
    if (first !== undefined) {
      object[first] = wrongTypeFor(object[first])
      return object
    }
    return []
  }
  return wrongTypeFor(value)
}

function wrongTypeFor(value: unknown): unknown {
  return typeof value === 'string' ? 42 : 'not what the schema asks for'
}
