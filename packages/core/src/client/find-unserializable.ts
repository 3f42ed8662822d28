/** Where `JSON.stringify` fails in a value, and why. */
export interface Unserializable {
  path: (string | number)[]
  reason: string
}

/** The first value `JSON.stringify` fails on, walking in the order it does. */
export function findUnserializable(
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
