import * as core from '@chatwire/core'
import * as coreSchema from '@chatwire/core/schema'
import { describe, expect, it } from 'vitest'
import * as adapter from './index.js'
import * as schema from './schema.js'

describe('@chatwire/fetch', () => {
  it('re-exports every value of @chatwire/core, so an app installs this package alone', () => {
    const missing = Object.keys(core).filter(
      (name) => (adapter as Record<string, unknown>)[name] !== (core as Record<string, unknown>)[name],
    )
    expect(missing).toEqual([])
    expect(adapter.RateLimitError).toBe(core.RateLimitError)
  })

  it('re-exports @chatwire/core/schema as @chatwire/fetch/schema', () => {
    const missing = Object.keys(coreSchema).filter(
      (name) => (schema as Record<string, unknown>)[name] !== (coreSchema as Record<string, unknown>)[name],
    )
    expect(missing).toEqual([])
    expect(schema.validateRequest).toBe(coreSchema.validateRequest)
  })
})
