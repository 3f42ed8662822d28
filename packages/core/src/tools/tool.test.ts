import { toJsonSchema } from '@valibot/to-json-schema'
import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { tool } from './tool.js'

describe('tool', () => {
  it('takes the JSON Schema from a zod schema of its own (Standard JSON Schema), without $schema', () => {
    const weather = tool({ name: 'get_weather', parameters: z.object({ city: z.string() }) })
    expect(weather.jsonSchema).toEqual({
      type: 'object',
      properties: { city: { type: 'string' } },
      required: ['city'],
    })
  })

  it("takes the JSON Schema from the converter passed for valibot, the library's own", () => {
    const weather = tool({
      name: 'get_weather',
      parameters: v.object({ city: v.string() }),
      toJsonSchema,
    })
    expect(weather.jsonSchema).toEqual({
      type: 'object',
      properties: { city: { type: 'string' } },
      required: ['city'],
    })
  })

  it('fails where the tool is written, naming it and the converter to pass, when a schema cannot convert itself', () => {
    expect(() => tool({ name: 'get_weather', parameters: v.object({ city: v.string() }) })).toThrow(
      new TypeError(
        'Tool get_weather: a valibot schema does not convert itself to JSON Schema; pass toJsonSchema (toJsonSchema from @valibot/to-json-schema)',
      ),
    )
  })

  it('names the tool when the conversion throws, keeping the cause', () => {
    const cause = new Error('cannot represent a transform')
    const error = (() => {
      try {
        tool({
          name: 'lookup',
          parameters: v.object({}),
          toJsonSchema: () => {
            throw cause
          },
        })
      } catch (thrown) {
        return thrown
      }
    })()
    expect(error).toEqual(new TypeError('Tool lookup: its schema could not be converted to JSON Schema'))
    expect((error as Error).cause).toBe(cause)
  })

  it('refuses a name the service would reject and parameters that are not a Standard Schema', () => {
    expect(() => tool({ name: 'get weather', parameters: z.object({}) })).toThrow(/1 to 64 characters/)
    expect(() => tool({ name: 'x', parameters: { type: 'object' } as never })).toThrow(
      'Tool x: parameters must be a Standard Schema (valibot, zod 4, arktype…)',
    )
  })

  it('types execute input from the schema', async () => {
    const add = tool({
      name: 'add',
      parameters: z.object({ a: z.number(), b: z.number() }),
      execute: ({ a, b }) => a + b,
    })
    const context = { signal: new AbortController().signal, toolCallId: 'call_1', messages: [] }
    expect(await add.execute?.({ a: 1, b: 2 }, context)).toBe(3)
  })
})
