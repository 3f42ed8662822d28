import { describe, expect, it } from 'vitest'
import { sleep } from './retry-wait.js'

describe('sleep before a retry', () => {
  it('rejects with the reason on abort', async () => {
    const controller = new AbortController()
    const pending = sleep(10_000, controller.signal)
    controller.abort('now')
    await expect(pending).rejects.toBe('now')
  })

  it('rejects at once when the signal already aborted', async () => {
    const controller = new AbortController()
    controller.abort('before')
    await expect(sleep(10_000, controller.signal)).rejects.toBe('before')
  })
})
