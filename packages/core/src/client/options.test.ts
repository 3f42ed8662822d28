import { describe, expect, it } from 'vitest'
import { InvalidRequestError } from '../errors.js'
import { DEFAULT_IDLE_TIMEOUT, DEFAULT_TIMEOUT, MAX_TIMER_MS, resolveCallOptions } from './options.js'

describe('resolveCallOptions', () => {
  it('gives every stream an idle limit by default (5 minutes), and 0 or Infinity lifts a limit', () => {
    expect(resolveCallOptions({})).toMatchObject({ timeout: DEFAULT_TIMEOUT, idleTimeout: 300_000 })
    expect(DEFAULT_IDLE_TIMEOUT).toBe(5 * 60_000)
    expect(resolveCallOptions({ idleTimeout: 0 }, { timeout: Number.POSITIVE_INFINITY })).toMatchObject({
      timeout: Number.POSITIVE_INFINITY,
      idleTimeout: Number.POSITIVE_INFINITY,
    })
  })

  it('refuses a timer longer than runtimes keep, which would fire at once', () => {
    expect(resolveCallOptions({ timeout: MAX_TIMER_MS }).timeout).toBe(MAX_TIMER_MS)
    expect(() => resolveCallOptions({ timeout: 1e10 })).toThrow(
      'timeout must be at most 2147483647 ms (about 24.8 days, the longest timer runtimes keep), got 10000000000; use 0 or Infinity for no limit',
    )
    expect(() => resolveCallOptions({}, { idleTimeout: 2 ** 31 })).toThrow(RangeError)
  })

  it('refuses a signal that is not an AbortSignal, naming the option', () => {
    for (const signal of [null, {}, 'abort', [], 1]) {
      let thrown: unknown
      try {
        resolveCallOptions({}, { signal: signal as unknown as AbortSignal })
      } catch (error) {
        thrown = error
      }
      expect(thrown).toBeInstanceOf(InvalidRequestError)
      expect(thrown).toMatchObject({ path: 'signal' })
    }
    expect(() => resolveCallOptions({ signal: {} as AbortSignal })).toThrow(
      'signal must be an AbortSignal, got object',
    )
  })

  it('reads headers given as a Headers or as pairs, not only as a record', () => {
    const fromHeaders = resolveCallOptions(
      { headers: new Headers({ 'X-Team': 'a' }) },
      { headers: [['x-b', '2']] },
    )
    expect(fromHeaders.headers).toEqual({ 'x-team': 'a', 'x-b': '2' })
  })

  it('caps non-streamed replies at 64 MiB and error bodies at 1 MiB by default', () => {
    expect(resolveCallOptions({})).toMatchObject({
      maxResponseBytes: 64 * 2 ** 20,
      maxErrorBodyBytes: 2 ** 20,
    })
    expect(() => resolveCallOptions({ maxResponseBytes: 0 })).toThrow(RangeError)
  })
})
