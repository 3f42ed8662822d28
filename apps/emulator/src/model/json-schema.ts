import type { JsonSchema } from '../chat-request.js'
import { modulo } from './echo.js'

/** What the generator draws strings and choices from, so that different prompts give different values. */
export interface GenerateContext {
  /** Words to fill strings with (the user's words); cycled through. */
  words: readonly string[]
  /** Picks among enum values and booleans; the choice index plus the seed. */
  variant: number
}

const FORMATS: Record<string, string> = {
  'date-time': '2025-01-01T12:00:00Z',
  date: '2025-01-01',
  time: '12:00:00',
  duration: 'P1D',
  email: 'user@example.com',
  hostname: 'example.com',
  ipv4: '127.0.0.1',
  ipv6: '::1',
  uri: 'https://example.com/',
  url: 'https://example.com/',
  uuid: '00000000-0000-4000-8000-000000000000',
}

const MAX_DEPTH = 8
// Bounds on what a schema can make the generator produce, whatever it asks (`minLength: 1e9`, `minItems: 1e7`,
// arrays of arrays, `anyOf` chains): past them a value may break the schema, but the reply stays small.
const MAX_STRING_LENGTH = 1000
const MAX_ITEMS = 50
const MAX_VALUES = 5000
const MAX_NESTING = 64
const MAX_TOTAL_CHARACTERS = 50_000
// A schema's pattern runs only against these short fixed strings, never against the user's words, and only
// when it is short itself: a pattern such as `^(a+)+$` backtracks exponentially on long input.
const PATTERN_CANDIDATES = ['a', 'A', '0', 'abc', 'ABC', '123', 'example', 'a-b', 'x1'] as const
const MAX_PATTERN_LENGTH = 200

/**
 * A value that satisfies `schema`, for `response_format: json_schema` and tool arguments. It understands
 * the subset structured outputs use: object (properties, required), array (items, min/maxItems), string
 * (enum, const, format, min/maxLength), number and integer (bounds, multipleOf), boolean, null, anyOf /
 * oneOf / allOf, type unions and local `$ref`s (`#/$defs/…`, `#/definitions/…`).
 */
export function generateFromSchema(schema: JsonSchema, context: GenerateContext): unknown {
  const state = { root: schema, context, wordIndex: 0, values: 0, characters: 0 }
  return generate(schema, state, 0)
}

interface State {
  root: JsonSchema
  context: GenerateContext
  wordIndex: number
  /** Values generated so far, against `MAX_VALUES`. */
  values: number
  /** Characters of the strings generated so far, against `MAX_TOTAL_CHARACTERS`. */
  characters: number
}

function generate(schema: JsonSchema, state: State, depth: number): unknown {
  const resolved = resolveRef(schema, state.root)
  if (++state.values > MAX_VALUES || depth > MAX_NESTING) return emptyOf(resolved)
  if ('const' in resolved) return resolved.const
  if (Array.isArray(resolved.enum) && resolved.enum.length > 0) {
    return resolved.enum[modulo(state.context.variant, resolved.enum.length)]
  }
  const alternatives = (resolved.anyOf ?? resolved.oneOf) as JsonSchema[] | undefined
  if (Array.isArray(alternatives) && alternatives.length > 0) {
    const nonNull = alternatives.find((option) => resolveRef(option, state.root).type !== 'null')
    return generate(nonNull ?? (alternatives[0] as JsonSchema), state, depth + 1)
  }
  if (Array.isArray(resolved.allOf)) return generate(mergeAllOf(resolved, state.root), state, depth + 1)

  switch (typeOf(resolved)) {
    case 'object':
      return generateObject(resolved, state, depth)
    case 'array':
      return generateArray(resolved, state, depth)
    case 'integer':
      return generateNumber(resolved, true)
    case 'number':
      return generateNumber(resolved, false)
    case 'boolean':
      return modulo(state.context.variant, 2) === 0
    case 'null':
      return null
    default:
      return generateString(resolved, state)
  }
}

/** The smallest value of the schema's type, once a bound is reached. */
function emptyOf(schema: JsonSchema): unknown {
  switch (typeOf(schema)) {
    case 'object':
      return {}
    case 'array':
      return []
    case 'integer':
    case 'number':
      return 0
    case 'boolean':
      return false
    case 'null':
      return null
    default:
      return ''
  }
}

function resolveRef(schema: JsonSchema, root: JsonSchema): JsonSchema {
  let current = schema
  for (let hops = 0; typeof current.$ref === 'string' && hops < 32; hops++) {
    const path = current.$ref.replace(/^#\/?/, '').split('/').filter(Boolean)
    let target: unknown = root
    for (const key of path) target = (target as Record<string, unknown> | undefined)?.[decodePointer(key)]
    if (typeof target !== 'object' || target === null) return {}
    current = target as JsonSchema
  }
  return current
}

function decodePointer(key: string): string {
  return key.replace(/~1/g, '/').replace(/~0/g, '~')
}

function mergeAllOf(schema: JsonSchema, root: JsonSchema): JsonSchema {
  const parts = [schema, ...(schema.allOf as JsonSchema[])].map((part) => resolveRef(part, root))
  const merged: JsonSchema = {}
  const properties: Record<string, JsonSchema> = {}
  const required = new Set<string>()
  for (const { allOf: _allOf, properties: props, required: req, ...rest } of parts) {
    Object.assign(merged, rest)
    Object.assign(properties, props)
    if (Array.isArray(req)) for (const name of req) required.add(String(name))
  }
  if (Object.keys(properties).length > 0) merged.properties = properties
  if (required.size > 0) merged.required = [...required]
  return merged
}

function typeOf(schema: JsonSchema): string {
  const { type } = schema
  if (typeof type === 'string') return type
  if (Array.isArray(type)) return String(type.find((t) => t !== 'null') ?? type[0] ?? 'string')
  if (schema.properties !== undefined) return 'object'
  if (schema.items !== undefined || schema.prefixItems !== undefined) return 'array'
  return 'string'
}

function generateObject(schema: JsonSchema, state: State, depth: number): Record<string, unknown> {
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>
  const required = new Set(Array.isArray(schema.required) ? schema.required.map(String) : [])
  const value: Record<string, unknown> = {}
  for (const [name, property] of Object.entries(properties)) {
    // Past a depth only what is required is filled in, so recursive schemas end.
    if (depth >= MAX_DEPTH && !required.has(name)) continue
    value[name] = generate(property, state, depth + 1)
  }
  for (const name of required) if (!(name in value)) value[name] = nextWords(state, 1)
  return value
}

function generateArray(schema: JsonSchema, state: State, depth: number): unknown[] {
  const prefix = Array.isArray(schema.prefixItems) ? (schema.prefixItems as JsonSchema[]) : []
  const items = typeof schema.items === 'object' && schema.items !== null ? (schema.items as JsonSchema) : {}
  const min = Math.min(numberOr(schema.minItems, 0), MAX_ITEMS)
  const max = numberOr(schema.maxItems, Number.POSITIVE_INFINITY)
  const length =
    depth >= MAX_DEPTH ? min : Math.min(Math.max(min, prefix.length, Math.min(2, max)), MAX_ITEMS)
  return Array.from({ length }, (_, i) => {
    const itemSchema = prefix[i] ?? items
    const value = generate(itemSchema, state, depth + 1)
    // Make repeated primitive items distinct, for `uniqueItems`.
    if (i > 0 && typeof value === 'number' && Number.isInteger(value)) return value + i
    return value
  })
}

function generateNumber(schema: JsonSchema, integer: boolean): number {
  const { minimum, maximum, exclusiveMinimum, exclusiveMaximum, multipleOf } = schema
  const step = integer ? 1 : 0.5
  let low = Number.NEGATIVE_INFINITY
  let high = Number.POSITIVE_INFINITY
  if (typeof minimum === 'number') low = minimum
  if (typeof exclusiveMinimum === 'number') low = Math.max(low, exclusiveMinimum + step)
  if (typeof maximum === 'number') high = maximum
  if (typeof exclusiveMaximum === 'number') high = Math.min(high, exclusiveMaximum - step)
  let value = integer ? 42 : 42.5
  if (value < low) value = low
  if (value > high) value = high
  if (integer) value = value >= 0 ? Math.ceil(value) : Math.floor(value)
  if (typeof multipleOf === 'number' && multipleOf > 0) {
    const up = Math.ceil(value / multipleOf) * multipleOf
    value = up <= high ? up : Math.floor(value / multipleOf) * multipleOf
  }
  return value
}

function generateString(schema: JsonSchema, state: State): string {
  const format = typeof schema.format === 'string' ? FORMATS[schema.format] : undefined
  let value = format ?? nextWords(state, 2)
  const min = Math.min(numberOr(schema.minLength, 0), MAX_STRING_LENGTH)
  const max = Math.min(numberOr(schema.maxLength, Number.POSITIVE_INFINITY), MAX_STRING_LENGTH)
  if (typeof schema.pattern === 'string') value = matchPattern(schema.pattern, value)
  if (value.length < min) value = value.padEnd(min, 'x')
  const room = Math.max(0, MAX_TOTAL_CHARACTERS - state.characters)
  const kept = [...value].slice(0, Math.min(max, room)).join('')
  state.characters += kept.length
  return kept
}

/** Patterns are not solved in general: a few fixed candidates are tried, else the plain value is kept. */
function matchPattern(pattern: string, value: string): string {
  if (pattern.length > MAX_PATTERN_LENGTH) return value
  let regex: RegExp
  try {
    regex = new RegExp(pattern, 'u')
  } catch {
    return value
  }
  return PATTERN_CANDIDATES.find((candidate) => regex.test(candidate)) ?? value
}

function nextWords(state: State, count: number): string {
  const { words } = state.context
  if (words.length === 0) return 'example'
  const picked: string[] = []
  for (let i = 0; i < count; i++) picked.push(words[state.wordIndex++ % words.length] as string)
  return picked.join(' ')
}

function numberOr(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback
}
