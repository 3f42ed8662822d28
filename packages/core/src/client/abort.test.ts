import { describe, expect, it, vi } from 'vitest'
import { linkSignals, sleep } from './abort.js'

describe('linkSignals and sleep', () => {
  it('removes its listeners when unlinked, so a long-lived signal keeps nothing alive', () => {
    const long = new AbortController()
    const remove = vi.spyOn(long.signal, 'removeEventListener')
    const unlink = linkSignals(new AbortController(), [long.signal])
    unlink()
    expect(remove).toHaveBeenCalledTimes(1)
  })

  it('sleep rejects with the reason on abort', async () => {
    const controller = new AbortController()
    const pending = sleep(10_000, controller.signal)
    controller.abort('now')
    await expect(pending).rejects.toBe('now')
  })
})
