import * as core from '@chatwire/core'
import { describe, expect, it } from 'vitest'
import * as azure from './index.js'

// Azure's detailed schemas take the place of core's generic ones of the same names.
const OWN = new Set(['ContentFilterResultsSchema', 'PromptFilterResultSchema'])

describe('@chatwire/azure', () => {
  it('re-exports every value of @chatwire/core, so an app installs this package alone', () => {
    const names = Object.keys(core).filter((name) => !OWN.has(name))
    expect(
      names.filter(
        (name) => (azure as Record<string, unknown>)[name] !== (core as Record<string, unknown>)[name],
      ),
    ).toEqual([])
    expect(azure.RateLimitError).toBe(core.RateLimitError)
  })

  it('exports its own content-filter schemas under the core names', () => {
    for (const name of OWN) {
      expect((azure as Record<string, unknown>)[name]).toBeDefined()
      expect((azure as Record<string, unknown>)[name]).not.toBe((core as Record<string, unknown>)[name])
    }
  })
})
