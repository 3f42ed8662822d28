import { describe, expect, it, vi } from 'vitest'
import { linkSignals } from './abort.js'

describe('linkSignals', () => {
  it('removes its listeners when unlinked, so a long-lived signal keeps nothing alive', () => {
    const long = new AbortController()
    const remove = vi.spyOn(long.signal, 'removeEventListener')
    const unlink = linkSignals(new AbortController(), [long.signal])
    unlink()
    expect(remove).toHaveBeenCalledTimes(1)
  })
})
