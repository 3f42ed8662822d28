/**
 * How often a streaming chat publishes: `'frame'` (the default) at most once per animation frame, `0` on
 * every delta, or at most once per that many ms. Where there are no animation frames (a server, a worker,
 * Node), `'frame'` publishes every delta at once: no timer is set.
 */
export type ChatThrottle = 'frame' | number

// A hidden tab runs no animation frames; this timer publishes in their place (browsers run it about once a
// second there), so the snapshot keeps up. Reading the stream never waits for either.
const HIDDEN_FRAME_FALLBACK_MS = 100

/**
 * Coalesces publishes: `now()` publishes at once (and cancels a pending one); `soon()` publishes at the next
 * frame or throttle window, at most one pending at a time.
 */
export interface Publisher {
  now(): void
  soon(): void
}

/** A publisher calling `publish`, paced by `throttle`. Frames are feature-detected at each call, not before. */
export function createPublisher(publish: () => void, throttle: () => ChatThrottle): Publisher {
  let cancelPending: (() => void) | undefined

  function cancel(): void {
    cancelPending?.()
    cancelPending = undefined
  }

  function now(): void {
    cancel()
    publish()
  }

  function timer(ms: number): () => void {
    const handle = setTimeout(now, ms)
    return () => clearTimeout(handle)
  }

  function frame(): (() => void) | undefined {
    const { requestAnimationFrame: request, cancelAnimationFrame: cancelFrame } = globalThis
    if (typeof request !== 'function') return undefined
    const handle = request(now)
    const fallback = timer(HIDDEN_FRAME_FALLBACK_MS)
    return () => {
      if (typeof cancelFrame === 'function') cancelFrame(handle)
      fallback()
    }
  }

  return {
    now,
    soon() {
      if (cancelPending !== undefined) return
      const pace = throttle()
      const pending = pace === 'frame' ? frame() : pace > 0 ? timer(pace) : undefined
      if (pending === undefined) publish()
      else cancelPending = pending
    },
  }
}
