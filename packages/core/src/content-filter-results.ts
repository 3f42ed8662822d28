import { MalformedStreamError } from './errors.js'

/**
 * Merges one chunk's `content_filter_results` into a choice's results, category by category. Azure sends a
 * verdict per chunk of text (and again in async-filter annotation chunks after the finish), so a later
 * verdict replaces an earlier one, except that a later clean verdict (`filtered: false`) never hides an
 * earlier `filtered: true` or `detected: true`: the choice was filtered if any part of it was. An empty `{}`
 * (Azure's role and finish chunks) changes nothing. Results live in a `Map`, so a category named
 * `__proto__` is data like any other.
 */
export function mergeContentFilterResults(target: Map<string, unknown>, incoming: unknown): void {
  if (typeof incoming !== 'object' || incoming === null || Array.isArray(incoming)) {
    throw new MalformedStreamError('A chunk has content_filter_results that are not an object')
  }
  const results = incoming as Record<string, unknown>
  for (const category in results) {
    const verdict = results[category]
    if (verdict === undefined) continue
    const previous = target.get(category)
    if (previous !== undefined && isFlagged(previous) && !isFlagged(verdict)) continue
    target.set(category, verdict)
  }
}

function isFlagged(verdict: unknown): boolean {
  if (typeof verdict !== 'object' || verdict === null) return false
  const v = verdict as { filtered?: unknown; detected?: unknown }
  return v.filtered === true || v.detected === true
}
