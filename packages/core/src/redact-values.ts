import type { Redactor } from './client/redaction.js'

/** How deep {@link redactValues} walks a value; deeper values are dropped. */
const MAX_VALUE_DEPTH = 32

/**
 * A copy of a parsed JSON value (an error body) with `redactor.exact` applied to every string in it, keys
 * included; what lies deeper than 32 levels is dropped. It lives in `@chatwire/core/error-body` rather than on
 * the {@link Redactor}: only the reading of a body needs it, and the client does that lazily.
 */
export function redactValues(value: unknown, redactor: Pick<Redactor, 'exact'>): unknown {
  const copy = (item: unknown, depth: number): unknown => {
    if (typeof item === 'string') return redactor.exact(item)
    if (typeof item !== 'object' || item === null) return item
    if (depth >= MAX_VALUE_DEPTH) return undefined
    if (Array.isArray(item)) return item.map((entry) => copy(entry, depth + 1))
    const out: Record<string, unknown> = {}
    for (const [name, entry] of Object.entries(item)) {
      // Defined, not assigned: a `__proto__` key stays a key of the copy rather than becoming its prototype.
      // (Not own-properties.ts: imported by this lazy chunk too, it would become a chunk of its own up front.)
      Object.defineProperty(out, redactor.exact(name), {
        value: copy(entry, depth + 1),
        enumerable: true,
        writable: true,
        configurable: true,
      })
    }
    return out
  }
  return copy(value, 0)
}
