import { describe, expect, it } from 'vitest'
import { InvalidRequestError } from '../errors.js'
import { checkStrictSchema, strictSchemaIssues } from './strict-json-schema.js'

const base = ['response_format', 'json_schema', 'schema']

describe('strictSchemaIssues', () => {
  it('accepts an object whose properties are all required and closed, at every depth', () => {
    const schema = {
      type: 'object',
      properties: {
        name: { type: 'string' },
        tags: {
          type: 'array',
          items: { type: 'object', properties: {}, additionalProperties: false, required: [] },
        },
      },
      required: ['name', 'tags'],
      additionalProperties: false,
    }
    expect(strictSchemaIssues(schema, base)).toEqual([])
  })

  it('names each offending node: an optional property, an open object, deep in items, anyOf and $defs', () => {
    const schema = {
      type: 'object',
      properties: {
        name: { type: 'string' },
        nickname: { type: 'string' },
        address: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
        items: { type: 'array', items: { anyOf: [{ type: 'null' }, { $ref: '#/$defs/item' }] } },
      },
      required: ['name', 'address', 'items'],
      additionalProperties: false,
      $defs: {
        item: { type: 'object', properties: { id: { type: 'integer' } }, additionalProperties: false },
      },
    }
    expect(strictSchemaIssues(schema, base).map((issue) => issue.path)).toEqual([
      'response_format.json_schema.schema.properties.nickname',
      'response_format.json_schema.schema.properties.address.additionalProperties',
      'response_format.json_schema.schema.$defs.item.properties.id',
    ])
  })

  it('asks for an object at the root', () => {
    expect(strictSchemaIssues({ type: 'string' }, base)).toEqual([
      {
        path: 'response_format.json_schema.schema',
        message: 'Expected an object schema at the root (strict mode)',
      },
    ])
  })

  it('ends on a schema nested past any real depth', () => {
    let schema: Record<string, unknown> = { type: 'string' }
    for (let i = 0; i < 10_000; i++) schema = { anyOf: [schema] }
    expect(() =>
      strictSchemaIssues(
        { type: 'object', properties: {}, additionalProperties: false, $defs: { deep: schema } },
        [],
      ),
    ).not.toThrow()
  })
})

describe('checkStrictSchema', () => {
  it('throws an InvalidRequestError with every issue, the first in its message', () => {
    const schema = { type: 'object', properties: { a: { type: 'string' }, b: { type: 'number' } } }
    let error: unknown
    try {
      checkStrictSchema(schema, base, 'Response format person')
    } catch (thrown) {
      error = thrown
    }
    expect(error).toBeInstanceOf(InvalidRequestError)
    const invalid = error as InvalidRequestError
    expect(invalid.message).toBe(
      'Response format person: response_format.json_schema.schema.additionalProperties: Expected additionalProperties: false on every object (strict mode) (and 2 more)',
    )
    expect(invalid.path).toBe('response_format.json_schema.schema.additionalProperties')
    expect(invalid.issues.map((issue) => issue.path)).toEqual([
      'response_format.json_schema.schema.additionalProperties',
      'response_format.json_schema.schema.properties.a',
      'response_format.json_schema.schema.properties.b',
    ])
  })
})
