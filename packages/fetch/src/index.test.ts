import * as core from '@chatwire/core'
import * as coreErrorBody from '@chatwire/core/error-body'
import * as coreRetry from '@chatwire/core/retry'
import * as coreSchema from '@chatwire/core/schema'
import * as errorBody from '@chatwire/fetch/error-body'
import * as retry from '@chatwire/fetch/retry'
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

  // Under pnpm's strict layout an app that installed only this package cannot import `@chatwire/core/*`.
  it.each([
    { entry: 'retry', ours: retry, core: coreRetry },
    { entry: 'error-body', ours: errorBody, core: coreErrorBody },
  ])('re-exports @chatwire/core/$entry as @chatwire/fetch/$entry', ({ ours, core: theirs }) => {
    const missing = Object.keys(theirs).filter(
      (name) => (ours as Record<string, unknown>)[name] !== (theirs as Record<string, unknown>)[name],
    )
    expect(missing).toEqual([])
    expect(Object.keys(ours).length).toBeGreaterThan(0)
  })
})
