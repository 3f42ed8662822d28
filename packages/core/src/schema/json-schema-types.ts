import * as v from 'valibot'

/** The seven types a JSON Schema's `type` names. */
const TYPES = new Set(['string', 'number', 'integer', 'boolean', 'object', 'array', 'null'])

const EXPECTED =
  'Expected "string", "number", "integer", "boolean", "object", "array" or "null", or an array of them'

// Keywords whose value is a schema, an array of schemas, or an object of schemas (by name): where a `type`
// says what a value is. Anything else (`enum`, `const`, `default`, `examples`…) is data, whose `type` keys
// are not the schema's.
const ONE = new Set([
  'items',
  'additionalItems',
  'additionalProperties',
  'contains',
  'not',
  'if',
  'then',
  'else',
  'propertyNames',
  'unevaluatedItems',
  'unevaluatedProperties',
])
const LIST = new Set(['items', 'prefixItems', 'anyOf', 'oneOf', 'allOf'])
const MAP = new Set([
  'properties',
  'patternProperties',
  '$defs',
  'definitions',
  'dependentSchemas',
  'dependencies',
])

type Loose = Record<string, unknown>

/** A schema to check, with the way back to the root for the path of an issue. */
interface Node {
  schema: Loose
  parent: Node | undefined
  /** The keys from the parent's schema to this one: one for `items`, two for `properties.a`. */
  keys: PropertyKey[]
}

const isObject = (value: unknown): value is Loose =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

function isType(type: unknown): boolean {
  if (typeof type === 'string') return TYPES.has(type)
  return Array.isArray(type) && type.every((item) => typeof item === 'string' && TYPES.has(item))
}

/**
 * Checks every `type` of a JSON Schema, at any depth (a loop, not recursion, and each object once): a type
 * that is not one of the seven, or an array of them, is an issue at its path
 * (`tools[0].function.parameters.properties.a.type`), for a service would refuse the request.
 */
export const JsonSchemaTypesCheck = v.rawCheck<Loose>(({ dataset, addIssue }) => {
  if (!dataset.typed) return
  const seen = new Set<Loose>()
  const pending: Node[] = [{ schema: dataset.value, parent: undefined, keys: [] }]
  for (let node = pending.pop(); node !== undefined; node = pending.pop()) {
    const { schema } = node
    if (seen.has(schema)) continue
    seen.add(schema)
    if (schema.type !== undefined && !isType(schema.type)) {
      addIssue({ message: EXPECTED, input: schema.type, path: pathOf(node, schema.type) })
    }
    // Children in the order they are written, pushed last first: issues come in the schema's order.
    const children: Node[] = []
    const add = (value: unknown, keys: PropertyKey[]) => {
      if (isObject(value)) children.push({ schema: value, parent: node, keys })
    }
    for (const key of Object.keys(schema)) {
      const value = schema[key]
      if (ONE.has(key)) add(value, [key])
      if (LIST.has(key) && Array.isArray(value))
        for (const [index, item] of value.entries()) add(item, [key, index])
      if (MAP.has(key) && isObject(value))
        for (const name of Object.keys(value)) add(value[name], [key, name])
    }
    for (let index = children.length - 1; index >= 0; index--) pending.push(children[index] as Node)
  }
})

// The valibot path of the `type` of `node`'s schema, from the checked schema down (only the keys are read).
function pathOf(node: Node, type: unknown): [v.IssuePathItem, ...v.IssuePathItem[]] {
  const keys: PropertyKey[] = ['type']
  for (let at: Node | undefined = node; at?.parent !== undefined; at = at.parent) keys.unshift(...at.keys)
  const items = keys.map(
    (key): v.IssuePathItem =>
      typeof key === 'number'
        ? { type: 'array', origin: 'value', input: [], key, value: undefined }
        : { type: 'object', origin: 'value', input: {}, key: String(key), value: undefined },
  )
  items[items.length - 1] = { type: 'object', origin: 'value', input: node.schema, key: 'type', value: type }
  return items as [v.IssuePathItem, ...v.IssuePathItem[]]
}
