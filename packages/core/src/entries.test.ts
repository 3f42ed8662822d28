import { describe, expect, it } from 'vitest'
import * as main from './index.js'
import * as schema from './schema/index.js'

describe('the entries', () => {
  it('keeps valibot out of @chatwire/core: schemas and validateRequest are @chatwire/core/schema', () => {
    const values = Object.keys(main)
    for (const name of Object.keys(schema)) expect(values, name).not.toContain(name)
    expect(typeof schema.validateRequest).toBe('function')
    expect(typeof schema.ChatRequestSchema).toBe('object')
  })
})
