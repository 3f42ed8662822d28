import { TimeoutError } from '../errors.js'

/** A timer this late ran behind a blocked event loop (timers themselves are a few ms late at most). */
const BLOCKED_MS = 25

/** How many times `idleTimeout` a read may be granted for a blocked loop. */
const MAX_GRANTS = 4

/** A timer that can be stopped before it fires. */
export interface Deadline {
  stop(): void
}

/** The silence of a body: counted only while a read waits for the server. */
export interface SilenceWatch {
  /** A read of the body starts waiting now. */
  waiting(): void
  /** The read got its piece: the consumer's time from now on is not the server's silence. */
  received(): void
  stop(): void
}

/**
 * Calls `expire` once `ms` pass, unless stopped first. An expiry is confirmed one turn of the event loop
 * later: when the loop was blocked (a busy consumer), timers run before the I/O that arrived meanwhile, and
 * a reply that came in time must win over the timer. An infinite `ms` never fires.
 */
export function startDeadline(ms: number, expire: () => void): Deadline {
  if (!Number.isFinite(ms)) return { stop() {} }
  let stopped = false
  let timer = setTimeout(() => {
    timer = setTimeout(() => {
      if (!stopped) expire()
    }, 0)
  }, ms)
  return {
    stop() {
      stopped = true
      clearTimeout(timer)
    },
  }
}

/** A slow network is not a stalled one: a chunk's load is given at least this long. */
const MIN_LOAD_MS = 60_000

/** The timers of a call, as a lazy load is bounded by them. */
export interface LoadTimers {
  readonly timeout: number
  readonly idleTimeout: number
}

/**
 * The load of a lazy chunk, or a rejection once its time passes: `timeout`, or `idleTimeout` for a call
 * without one (so that no call hangs forever by default), a minute at least; never, for a call with neither. A
 * stalled load must not hold a call, and inside an attempt an infinite `timeout` leaves no other bound.
 */
export function loadWithin<T>(load: Promise<T>, { timeout, idleTimeout }: LoadTimers): Promise<T> {
  const ms = Math.max(Number.isFinite(timeout) ? timeout : idleTimeout, MIN_LOAD_MS)
  return new Promise<T>((resolve, reject) => {
    const deadline = startDeadline(ms, () => reject(new Error(`Not loaded within ${ms} ms`)))
    load.then(resolve, reject).finally(deadline.stop)
  })
}

/**
 * Calls `expire` once a read has waited `ms` without its piece. Marking a read costs one `Date.now()`; one
 * timer per body checks the marks when it fires and sleeps again for what is left, or not at all while no
 * read waits. An expiry is confirmed one turn of the loop later, as in {@link startDeadline}, and a timer
 * that ran late behind a blocked loop (a busy consumer, thousands of streams) moves the wait on by the time
 * it was blocked (at most 4 × `ms` per read): that time is the consumer's, not the server's silence.
 */
export function watchSilence(ms: number, expire: () => void): SilenceWatch {
  if (!Number.isFinite(ms)) return { waiting() {}, received() {}, stop() {} }
  let since: number | undefined
  let timer: ReturnType<typeof setTimeout> | undefined
  let due = 0
  // Blocked time granted to the current read: at most MAX_GRANTS × `ms`, so a loop that stays busy still times out.
  let granted = 0
  let stopped = false
  function arm(delay: number, then: () => void): void {
    due = Date.now() + delay
    timer = setTimeout(then, delay)
  }
  /**
   * Time the loop was blocked just before this timer ran: the pieces that arrived meanwhile wait behind
   * the timers, so that time is the consumer's, not the server's, and the wait is moved on by it.
   */
  function blocked(now: number): number {
    const late = now - due
    const grant = late > BLOCKED_MS ? Math.min(late, MAX_GRANTS * ms - granted) : 0
    granted += grant
    return grant
  }
  function check(): void {
    timer = undefined
    if (stopped || since === undefined) return
    const now = Date.now()
    since += blocked(now)
    const quiet = now - since
    if (quiet < ms) {
      arm(ms - quiet, check)
      return
    }
    const read = since
    arm(0, () => {
      timer = undefined
      if (stopped || since === undefined) return
      const late = blocked(Date.now())
      if (since === read && late === 0) {
        expire()
        return
      }
      since += late
      arm(Math.max(0, ms - (Date.now() - since)), check)
    })
  }
  return {
    waiting() {
      since = Date.now()
      granted = 0
      if (timer === undefined && !stopped) arm(ms, check)
    },
    received() {
      since = undefined
    },
    stop() {
      stopped = true
      since = undefined
      if (timer !== undefined) clearTimeout(timer)
      timer = undefined
    },
  }
}

/** The error of an attempt that did not get its reply (or, for `complete()`, all of it) within `timeout`. */
export function attemptTimeout(endpoint: string, ms: number, stream: boolean): TimeoutError {
  const what = stream ? 'No reply' : 'No complete reply'
  return new TimeoutError(`${what} from ${endpoint} within ${ms} ms (timeout)`, { option: 'timeout' })
}

/** The error of a reply body that stayed silent for `idleTimeout`. */
export function idleTimeout(endpoint: string, ms: number): TimeoutError {
  return new TimeoutError(`The reply from ${endpoint} stalled: nothing arrived for ${ms} ms (idleTimeout)`, {
    option: 'idleTimeout',
  })
}
