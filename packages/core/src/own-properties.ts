/**
 * Sets `target[key] = value` as an own data property. A provider's key such as `__proto__` becomes plain data
 * instead of replacing the object's prototype, which an assignment would do.
 */
export function setOwnProperty(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') {
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true })
  } else {
    target[key] = value
  }
}

/** Copies a map's entries onto `target` as own data properties (see {@link setOwnProperty}). */
export function assignEntries(
  target: Record<string, unknown>,
  entries: Map<string, unknown> | undefined,
): void {
  if (entries === undefined) return
  for (const [key, value] of entries) setOwnProperty(target, key, value)
}
