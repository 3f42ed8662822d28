import * as core from '@chatwire/core'
import { describe, expect, it } from 'vitest'
import * as react from './index.js'

describe('@chatwire/react', () => {
  it('re-exports every value of @chatwire/core beside useChat', () => {
    const missing = Object.keys(core).filter(
      (name) => (react as Record<string, unknown>)[name] !== (core as Record<string, unknown>)[name],
    )
    expect(missing).toEqual([])
    expect(react.createChat).toBe(core.createChat)
    expect(typeof react.useChat).toBe('function')
  })
})
