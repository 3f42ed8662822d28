import * as core from '@chatwire/core'
import { describe, expect, it } from 'vitest'
import * as adapter from './index.js'

describe('@chatwire/fetch', () => {
  it('re-exports every value of @chatwire/core, so an app installs this package alone', () => {
    const missing = Object.keys(core).filter(
      (name) => (adapter as Record<string, unknown>)[name] !== (core as Record<string, unknown>)[name],
    )
    expect(missing).toEqual([])
    expect(adapter.RateLimitError).toBe(core.RateLimitError)
  })
})
