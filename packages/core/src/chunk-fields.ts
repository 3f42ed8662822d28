// What the accumulator's parts share when they read a chunk's fields: one way to refuse a field, one to keep
// a field nobody knows. Messages name the field, never its value (it may hold the user's text).
import { MalformedStreamError } from './errors.js'

/** The error of a chunk that breaks the format: `what` names the field and the fault. */
export function malformed(what: string): MalformedStreamError {
  return new MalformedStreamError(`A chunk has ${what}`)
}

/** `value` if it is a string, else a {@link malformed} error naming `field`. */
export function stringField(value: unknown, field: string): string {
  if (typeof value === 'string') return value
  throw malformed(`${field} that is not a string`)
}

/** Whether `value` is a non-null object: what a chunk's nested fields must be. */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null
}

/** Keeps `key: value` in `extras` (made on first use): a field passed through as it came. */
export function keepExtra(
  extras: Map<string, unknown> | undefined,
  key: string,
  value: unknown,
): Map<string, unknown> {
  const map = extras ?? new Map<string, unknown>()
  map.set(key, value)
  return map
}

/**
 * Keeps the fields of `fields` that `known` does not name (null and undefined ones aside) in `extras`, made on
 * first use. The accumulator reads the known fields by name, `present` of which the object has; only an object
 * with more keys than those has its keys walked: a `for…in` that tested every key against each known name
 * cost twice as much per chunk (measured on the benchmark's streams).
 */
export function keepOthers(
  extras: Map<string, unknown> | undefined,
  fields: Record<string, unknown>,
  known: readonly string[],
  present: number,
): Map<string, unknown> | undefined {
  let keys = 0
  for (const _ in fields) keys++
  if (keys === present) return extras
  let kept = extras
  for (const key in fields) {
    const value = fields[key]
    if (value != null && !known.includes(key)) kept = keepExtra(kept, key, value)
  }
  return kept
}
