import { describe, expect, it } from 'vitest'
import { VERSION } from '@chatwire/core'

describe('core', () => {
  it('resolves itself through the source condition', () => {
    expect(VERSION).toBe('0.0.0')
  })
})
