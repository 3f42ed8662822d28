import { TimeoutError } from '../errors.js'

/** A timer that aborts a controller when `ms` pass without a {@link Watchdog.touch}. */
export interface Watchdog {
  /** Records activity: the countdown starts again from now. */
  touch(): void
  stop(): void
}

const IDLE: Watchdog = { touch() {}, stop() {} }

/**
 * Aborts `controller` with the error `timeout()` makes once `ms` pass without `touch()`. Touching only
 * stores the time, so it costs next to nothing per chunk; the timer checks it when it fires and sleeps again
 * for what is left. An infinite `ms` gives a watchdog that never fires.
 */
export function startWatchdog(
  controller: AbortController,
  ms: number,
  timeout: () => TimeoutError,
): Watchdog {
  if (!Number.isFinite(ms)) return IDLE
  let last = Date.now()
  let timer = setTimeout(check, ms)
  function check(): void {
    const quiet = Date.now() - last
    if (quiet >= ms) controller.abort(timeout())
    else timer = setTimeout(check, ms - quiet)
  }
  return {
    touch() {
      last = Date.now()
    },
    stop() {
      clearTimeout(timer)
    },
  }
}

/** The error of a reply whose headers did not arrive within `timeout`. */
export function firstByteTimeout(endpoint: string, ms: number): TimeoutError {
  return new TimeoutError(`No reply from ${endpoint} within ${ms} ms (timeout)`)
}

/** The error of a reply body that stayed silent for `idleTimeout`. */
export function idleTimeout(endpoint: string, ms: number): TimeoutError {
  return new TimeoutError(`The reply from ${endpoint} stalled: nothing arrived for ${ms} ms (idleTimeout)`)
}
