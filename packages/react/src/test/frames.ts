// A 60 Hz animation-frame clock for tests and benchmarks: happy-dom runs frames as immediates, far more often
// than a screen, so "one publish per frame" is measured against this clock instead.
import { vi } from 'vitest'

/** Installs the clock; `frames()` tells how many frames ran, `uninstall()` restores the globals. */
export function installFrameClock(intervalMs = 16): { frames(): number; uninstall(): void } {
  let ran = 0
  let queue = new Map<number, FrameRequestCallback>()
  let next = 0
  const timer = setInterval(() => {
    ran++
    const due = queue
    queue = new Map()
    for (const callback of due.values()) callback(performance.now())
  }, intervalMs)
  vi.stubGlobal('requestAnimationFrame', (callback: FrameRequestCallback) => {
    queue.set(++next, callback)
    return next
  })
  vi.stubGlobal('cancelAnimationFrame', (handle: number) => queue.delete(handle))
  return {
    frames: () => ran,
    uninstall() {
      clearInterval(timer)
      vi.unstubAllGlobals()
    },
  }
}
