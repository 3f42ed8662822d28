import { InvalidRequestError } from '../errors.js'
import { formatIssuePath } from '../issue-path.js'

/**
 * The {@link InvalidRequestError} of a request body that `JSON.stringify` threw on (a cycle, a `BigInt`, a
 * `toJSON` that throws), naming the field and the kind of fault, never the value. Loaded only then.
 */
export function unserializable(body: unknown, error: unknown): InvalidRequestError {
  const found = findUnserializable(body, [], new Set())
  const path = found === undefined ? undefined : formatIssuePath(found.path)
  const reason = found?.reason ?? (error instanceof Error ? error.name : 'an unknown fault')
  const where = path === undefined || path === '' ? '' : ` at ${path}`
  return new InvalidRequestError(`The request cannot be serialised as JSON${where}: ${reason}`, {
    issues: [{ path: path ?? '', message: `Cannot be serialised as JSON: ${reason}` }],
  })
}

/** Where `JSON.stringify` fails in a value, and why. */
interface Unserializable {
  path: (string | number)[]
  reason: string
}

/** The first value `JSON.stringify` fails on, walking in the order it does. */
function findUnserializable(
  value: unknown,
  path: (string | number)[],
  ancestors: Set<object>,
): Unserializable | undefined {
  if (typeof value === 'bigint') return { path, reason: 'a BigInt' }
  if (typeof value !== 'object' || value === null) return undefined
  const { toJSON } = value as { toJSON?: unknown }
  if (typeof toJSON === 'function') {
    let converted: unknown
    try {
      converted = toJSON.call(value)
    } catch {
      return { path, reason: 'its toJSON() throws' }
    }
    if (converted !== value) return findUnserializable(converted, path, ancestors)
  }
  if (ancestors.has(value)) return { path, reason: 'a circular reference' }
  ancestors.add(value)
  try {
    const entries = Array.isArray(value)
      ? value.map((item, index) => [index, item] as const)
      : Object.entries(value)
    for (const [key, item] of entries) {
      const found = findUnserializable(item, [...path, key], ancestors)
      if (found !== undefined) return found
    }
  } catch {
    return { path, reason: 'a property that throws when read' }
  } finally {
    ancestors.delete(value)
  }
  return undefined
}
