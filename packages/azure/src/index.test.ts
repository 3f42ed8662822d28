import * as errorBody from '@chatwire/azure/error-body'
import * as retry from '@chatwire/azure/retry'
import * as core from '@chatwire/core'
import * as coreErrorBody from '@chatwire/core/error-body'
import * as coreRetry from '@chatwire/core/retry'
import * as coreSchema from '@chatwire/core/schema'
import { describe, expect, it } from 'vitest'
import * as azure from './index.js'
import * as azureSchema from './schema.js'

// Azure's detailed schemas take the place of core's generic ones of the same names.
const OWN = new Set(['ContentFilterResultsSchema', 'PromptFilterResultSchema'])

const differing = (from: object, to: object, except = new Set<string>()) =>
  Object.keys(from).filter(
    (name) =>
      !except.has(name) && (to as Record<string, unknown>)[name] !== (from as Record<string, unknown>)[name],
  )

describe('@chatwire/azure', () => {
  it('re-exports every value of @chatwire/core, so an app installs this package alone', () => {
    expect(differing(core, azure)).toEqual([])
    expect(azure.RateLimitError).toBe(core.RateLimitError)
  })

  it('re-exports @chatwire/core/schema as @chatwire/azure/schema, with its own content-filter schemas', () => {
    expect(differing(coreSchema, azureSchema, OWN)).toEqual([])
    for (const name of OWN) {
      expect((azureSchema as Record<string, unknown>)[name]).toBe((azure as Record<string, unknown>)[name])
      expect((azureSchema as Record<string, unknown>)[name]).not.toBe(
        (coreSchema as Record<string, unknown>)[name],
      )
    }
  })

  // Under pnpm's strict layout an app that installed only this package cannot import `@chatwire/core/*`.
  it.each([
    { entry: 'retry', ours: retry, core: coreRetry },
    { entry: 'error-body', ours: errorBody, core: coreErrorBody },
  ])('re-exports @chatwire/core/$entry as @chatwire/azure/$entry', ({ ours, core: theirs }) => {
    const missing = Object.keys(theirs).filter(
      (name) => (ours as Record<string, unknown>)[name] !== (theirs as Record<string, unknown>)[name],
    )
    expect(missing).toEqual([])
    expect(Object.keys(ours).length).toBeGreaterThan(0)
  })
})
