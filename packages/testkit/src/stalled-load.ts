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
  /**
   * Starts `call`, waits until it asked for the module, then moves the (fake) clock on by `pendingMs`, after
   * which the call must still be pending (else this throws), and by `moreMs` more, after which it settles (else
   * the test times out): what it resolved or rejected with. `advance` moves the clock (`vi.advanceTimersByTimeAsync`).
   */
  settlesBetween<T, E = unknown>(
    call: () => Promise<T>,
    pendingMs: number,
    moreMs: number,
    advance: (ms: number) => Promise<unknown>,
  ): Promise<Settled<T, E>>
}

/** What a call settled with. */
export type Settled<T, E = unknown> = { value: T; error?: undefined } | { value?: undefined; error: E }

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
    async settlesBetween<T, E>(
      call: () => Promise<T>,
      pendingMs: number,
      moreMs: number,
      advance: (ms: number) => Promise<unknown>,
    ) {
      let settled = false
      const outcome = call()
        .then(
          (value): Settled<T, E> => ({ value }),
          (error: E): Settled<T, E> => ({ error }),
        )
        .finally(() => {
          settled = true
        })
      await Promise.race([started, outcome])
      if (settled)
        throw new Error(`The call settled before it asked for the module: ${describe(await outcome)}`)
      await advance(pendingMs)
      if (settled) throw new Error(`The call settled within ${pendingMs} ms: ${describe(await outcome)}`)
      await advance(moreMs)
      // What the timers set off may still load real modules (the retry path): the test's timeout tells a hang.
      return outcome
    },
  }
}

function describe(settled: Settled<unknown>): string {
  return settled.error === undefined ? 'it resolved' : `it rejected with ${String(settled.error)}`
}
