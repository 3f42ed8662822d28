// Counts the timers and animation frames the SDK has pending: `setTimeout`/`setInterval`/`requestAnimationFrame`
// of the test environment are wrapped, and a handle counts while neither run (once) nor cleared. Only those
// set from chatwire's own sources (not its tests) count: React, Testing Library and the emulator (same process)
// set their own.
import { vi } from 'vitest'

const OURS = /\/packages\/(core|fetch|react)\/src\/(?!test\/)[^:]*(?<!\.test)\.tsx?:/

/** What is pending now, by kind; `uninstall()` restores the environment's functions. */
export interface PendingTimers {
  timers(): number
  frames(): number
  /** How many frames the SDK asked for so far, pending or not. */
  framesAsked(): number
  uninstall(): void
}

function fromOurs(): boolean {
  const limit = Error.stackTraceLimit
  Error.stackTraceLimit = 60
  const stack = new Error().stack ?? ''
  Error.stackTraceLimit = limit
  return stack.split('\n').some((line) => OURS.test(line))
}

/** Installs the counting wrappers; install before the chat under test is made. */
export function installPendingTimers(): PendingTimers {
  const timers = new Set<unknown>()
  const frames = new Set<number>()
  let asked = 0
  const { setTimeout: set, clearTimeout: clear, setInterval: every, clearInterval: clearEvery } = globalThis
  const { requestAnimationFrame: request, cancelAnimationFrame: cancel } = globalThis
  vi.stubGlobal('setTimeout', (callback: (...args: unknown[]) => void, ms?: number, ...args: unknown[]) => {
    const tracked = fromOurs()
    const handle: unknown = set(
      (...given: unknown[]) => {
        timers.delete(handle)
        callback(...given)
      },
      ms,
      ...args,
    )
    if (tracked) timers.add(handle)
    return handle
  })
  vi.stubGlobal('clearTimeout', (handle: Parameters<typeof clearTimeout>[0]) => {
    timers.delete(handle)
    clear(handle)
  })
  vi.stubGlobal('setInterval', (callback: (...args: unknown[]) => void, ms?: number, ...args: unknown[]) => {
    const handle: unknown = every(callback, ms, ...args)
    if (fromOurs()) timers.add(handle)
    return handle
  })
  vi.stubGlobal('clearInterval', (handle: Parameters<typeof clearInterval>[0]) => {
    timers.delete(handle)
    clearEvery(handle)
  })
  vi.stubGlobal('requestAnimationFrame', (callback: FrameRequestCallback) => {
    const tracked = fromOurs()
    const handle = request((time) => {
      frames.delete(handle)
      callback(time)
    })
    if (tracked) {
      asked++
      frames.add(handle)
    }
    return handle
  })
  vi.stubGlobal('cancelAnimationFrame', (handle: number) => {
    frames.delete(handle)
    cancel(handle)
  })
  return {
    timers: () => timers.size,
    frames: () => frames.size,
    framesAsked: () => asked,
    uninstall: () => vi.unstubAllGlobals(),
  }
}
