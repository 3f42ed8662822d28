import { describe, expect, it } from 'vitest'
import { generateFromSchema } from './json-schema.js'

const context = { words: ['Ada', 'Lovelace', 'wrote', 'notes'], variant: 0 }

describe('generateFromSchema', () => {
  it('fills every property of an object, nested ones included', () => {
    const schema = {
      type: 'object',
      properties: {
        name: { type: 'string' },
        age: { type: 'integer', minimum: 0, maximum: 150 },
        score: { type: 'number', exclusiveMaximum: 1 },
        active: { type: 'boolean' },
        address: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
      },
      required: ['name', 'age', 'score', 'active', 'address'],
      additionalProperties: false,
    }
    expect(generateFromSchema(schema, context)).toEqual({
      name: 'Ada Lovelace',
      age: 42,
      score: 0.5,
      active: true,
      address: { city: 'wrote notes' },
    })
  })

  it('picks enum values by variant and keeps const values', () => {
    const schema = {
      type: 'object',
      properties: { unit: { enum: ['celsius', 'fahrenheit'] }, kind: { const: 'weather' } },
    }
    expect(generateFromSchema(schema, context)).toEqual({ unit: 'celsius', kind: 'weather' })
    expect(generateFromSchema(schema, { ...context, variant: 1 })).toEqual({
      unit: 'fahrenheit',
      kind: 'weather',
    })
  })

  it('respects array bounds and number constraints', () => {
    expect(generateFromSchema({ type: 'array', items: { type: 'integer' }, minItems: 3 }, context)).toEqual([
      42, 43, 44,
    ])
    expect(generateFromSchema({ type: 'array', items: { type: 'string' }, maxItems: 1 }, context)).toEqual([
      'Ada Lovelace',
    ])
    expect(generateFromSchema({ type: 'integer', minimum: 100, multipleOf: 7 }, context)).toBe(105)
    expect(generateFromSchema({ type: 'number', maximum: -3 }, context)).toBe(-3)
  })

  it('honours string formats and lengths', () => {
    expect(generateFromSchema({ type: 'string', format: 'date' }, context)).toBe('2025-01-01')
    expect(generateFromSchema({ type: 'string', format: 'email' }, context)).toBe('user@example.com')
    expect(generateFromSchema({ type: 'string', maxLength: 3 }, context)).toBe('Ada')
    expect(generateFromSchema({ type: 'string', minLength: 15 }, context)).toBe('Ada Lovelacexxx')
  })

  it('resolves $refs, nullable unions and anyOf', () => {
    const schema = {
      type: 'object',
      properties: {
        step: { $ref: '#/$defs/step' },
        note: { type: ['string', 'null'] },
        either: { anyOf: [{ type: 'null' }, { type: 'boolean' }] },
      },
      $defs: { step: { type: 'object', properties: { order: { type: 'integer' } }, required: ['order'] } },
    }
    expect(generateFromSchema(schema, context)).toEqual({
      step: { order: 42 },
      note: 'Ada Lovelace',
      either: true,
    })
  })

  it('ends on a recursive schema', () => {
    const schema = {
      type: 'object',
      properties: { name: { type: 'string' }, children: { type: 'array', items: { $ref: '#' } } },
      required: ['name', 'children'],
    }
    expect(JSON.stringify(generateFromSchema(schema, context)).length).toBeGreaterThan(10)
  })
})

describe('generateFromSchema bounds what a schema can ask for', () => {
  it('caps a string at 1000 characters, minLength 1e9 included', () => {
    const value = generateFromSchema({ type: 'string', minLength: 1e9 }, context) as string
    expect(value.length).toBe(1000)
  })

  it('caps an array at 50 items, minItems 1e7 included', () => {
    const value = generateFromSchema({ type: 'array', minItems: 1e7, items: { type: 'integer' } }, context)
    expect(value).toHaveLength(50)
  })

  it('caps the whole value: arrays of arrays of long strings stay small', () => {
    const leaf = { type: 'string', minLength: 1000 }
    let schema: Record<string, unknown> = leaf
    for (let i = 0; i < 6; i++) schema = { type: 'array', minItems: 50, items: schema }
    expect(JSON.stringify(generateFromSchema(schema, context)).length).toBeLessThan(200_000)
  })

  it('ends on a schema that refers to itself through anyOf', () => {
    expect(generateFromSchema({ anyOf: [{ $ref: '#' }] }, context)).toBe('')
    const tree = {
      type: 'object',
      properties: { child: { $ref: '#' } },
      required: ['child'],
    }
    expect(JSON.stringify(generateFromSchema(tree, context)).length).toBeLessThan(10_000)
  })

  it("never runs a schema's pattern against the user's words: ^(a+)+$ does not backtrack on them", () => {
    // Tested against 40 a's and a "!", this pattern backtracks 2^40 times: the test would never end.
    const words = [`${'a'.repeat(40)}!`]
    expect(generateFromSchema({ type: 'string', pattern: '^(a+)+$' }, { words, variant: 0 })).toBe('a')
  })

  it('keeps the plain value for a pattern no fixed candidate matches, or one too long to try', () => {
    expect(generateFromSchema({ type: 'string', pattern: '^zz$' }, context)).toBe('Ada Lovelace')
    expect(generateFromSchema({ type: 'string', pattern: `^(${'a|'.repeat(150)}a)$` }, context)).toBe(
      'Ada Lovelace',
    )
  })
})
