/**
 * Counts the views holding a chat: `attach()` marks one and returns the function that lets go (once). When
 * no view holds it any more, `release` runs after the current task, unless a view holds it again by then
 * (React's StrictMode replaying effects, a keyed remount).
 */
export function createViewHold(release: () => void): () => () => void {
  let views = 0
  let pending: ReturnType<typeof setTimeout> | undefined
  return () => {
    views++
    clearTimeout(pending)
    let attached = true
    return () => {
      if (!attached) return
      attached = false
      if (--views === 0) pending = setTimeout(() => views === 0 && release(), 0)
    }
  }
}
