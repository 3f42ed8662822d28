import * as core from '@chatwire/core'
import * as coreSchema from '@chatwire/core/schema'
import { describe, expect, it } from 'vitest'
import * as react from './index.js'
import * as schema from './schema.js'

describe('@chatwire/react', () => {
  it('re-exports every value of @chatwire/core beside useChat', () => {
    const missing = Object.keys(core).filter(
      (name) => (react as Record<string, unknown>)[name] !== (core as Record<string, unknown>)[name],
    )
    expect(missing).toEqual([])
    expect(react.createChat).toBe(core.createChat)
    expect(typeof react.useChat).toBe('function')
  })

  it('re-exports @chatwire/core/schema as @chatwire/react/schema', () => {
    const missing = Object.keys(coreSchema).filter(
      (name) => (schema as Record<string, unknown>)[name] !== (coreSchema as Record<string, unknown>)[name],
    )
    expect(missing).toEqual([])
    expect(schema.validateRequest).toBe(coreSchema.validateRequest)
  })
})
