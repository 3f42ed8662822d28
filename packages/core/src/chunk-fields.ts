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
