import { rejection } from './rejection.js'

/**
 * A module load that never ends: a lazy chunk of an app whose network stalled. In a test file,
 * `const stalled = await vi.hoisted(async () => (await import('@chatwire/testkit')).stalledLoad())` then
 * `vi.mock('./chunk.js', () => stalled.load())`. One test per file: a second import of the same mock may settle.
 */
export interface StalledLoad {
  /** Resolves once the code under test asked for the module. */
  readonly started: Promise<void>
  /** The load itself, for `vi.mock`'s factory: marks it started and never settles. */
  load(): Promise<never>
  /**
   * Starts `call` with a signal, waits until it asked for the module, then aborts with `reason`: what the call
   * rejected with, typed as `E` (a call that resolves fails the test).
   */
  abortDuring<E = unknown>(call: (signal: AbortSignal) => Promise<unknown>, reason?: unknown): Promise<E>
}

/** Creates a {@link StalledLoad}. */
export function stalledLoad(): StalledLoad {
  let reached = () => {}
  const started = new Promise<void>((resolve) => {
    reached = resolve
  })
  return {
    started,
    load() {
      reached()
      return new Promise<never>(() => {})
    },
    async abortDuring<E>(call: (signal: AbortSignal) => Promise<unknown>, reason: unknown = 'stop') {
      const controller = new AbortController()
      const pending = rejection<E>(call(controller.signal))
      // A call that settles before it asks for the module shows what it settled with, not a test timeout.
      const ended = pending.then(
        () => true,
        () => true,
      )
      if (await Promise.race([started.then(() => false), ended])) return pending
      controller.abort(reason)
      return pending
    },
  }
}
