import {
  type ChatRequest,
  completeObject,
  InvalidRequestError,
  OutputValidationError,
  streamObject,
} from '@chatwire/core'
import { useEmulator } from '@chatwire/emulator/testing'
import { rejection } from '@chatwire/testkit'
import { toJsonSchema } from '@valibot/to-json-schema'
import { type } from 'arktype'
import * as v from 'valibot'
import { afterAll, beforeAll, beforeEach, describe, expect, expectTypeOf, it } from 'vitest'
import { z } from 'zod'
import { DIALECTS } from '../tools/dialect-clients.js'

const emulator = useEmulator({ hooks: { beforeAll, afterAll, beforeEach } })

const REFUSAL = "I'm sorry, but I can't help with that request."

describe.each(DIALECTS)('completeObject over $name', ({ connect, model }) => {
  const client = () => connect(emulator.current.url)
  const ask = (content: string): ChatRequest => ({ model, messages: [{ role: 'user', content }] })

  it('gives the object a zod schema asks for, validated and typed by it', async () => {
    const Person = z.strictObject({ name: z.string(), age: z.number().int() })
    const result = await completeObject(client(), ask('Ada Lovelace'), {
      schema: Person,
      name: 'person',
      strict: true,
    })
    expectTypeOf(result.object).toEqualTypeOf<{ name: string; age: number } | undefined>()
    expect(result.object).toEqual({ name: 'Ada Lovelace', age: 42 })
    expect(result.outcome.type).toBe('stop')
  })

  it('gives the object of a valibot schema, converted by the converter passed', async () => {
    const Person = v.strictObject({ name: v.string(), tags: v.array(v.string()) })
    const { object } = await completeObject(client(), ask('Ada Lovelace'), {
      schema: Person,
      name: 'person',
      strict: true,
      toJsonSchema,
    })
    expectTypeOf(object).toEqualTypeOf<{ name: string; tags: string[] } | undefined>()
    expect(object).toEqual({ name: 'Ada Lovelace', tags: ['Ada Lovelace', 'Ada Lovelace'] })
  })

  it('gives the object of an arktype schema, the output of its morphs', async () => {
    const Person = type({ '+': 'reject', name: 'string', age: 'number.integer' }).pipe((person) => ({
      ...person,
      adult: person.age >= 18,
    }))
    const { object } = await completeObject(client(), ask('Ada Lovelace'), {
      schema: Person,
      name: 'person',
      strict: true,
    })
    expect(object).toEqual({ name: 'Ada Lovelace', age: 42, adult: true })
  })

  it('names the offending schema node of a strict format before anything is sent', async () => {
    const Person = z.strictObject({ name: z.string(), nickname: z.string().optional() })
    const error = await rejection<InvalidRequestError>(
      completeObject(client(), ask('Ada'), { schema: Person, name: 'person', strict: true }),
    )
    expect(error).toBeInstanceOf(InvalidRequestError)
    expect(error.issues).toEqual([
      {
        path: 'response_format.json_schema.schema.properties.nickname',
        message:
          'Expected the property to be listed in required: strict mode requires every property (make it nullable instead of optional)',
      },
    ])
    expect(() =>
      streamObject(client(), ask('Ada'), { schema: Person, name: 'person', strict: true }),
    ).toThrow(InvalidRequestError)
    expect(emulator.current.requests).toHaveLength(0)
  })

  it('fails where it is written, naming the format, for a valibot schema without its converter', async () => {
    const error = await rejection<TypeError>(
      completeObject(client(), ask('Ada'), { schema: v.object({ name: v.string() }), name: 'person' }),
    )
    expect(error.message).toBe(
      'Response format person: a valibot schema does not convert itself to JSON Schema; pass toJsonSchema (toJsonSchema from @valibot/to-json-schema)',
    )
  })

  it('rejects output that is not JSON with an OutputValidationError that keeps the text off its message', async () => {
    const Person = z.object({ name: z.string(), age: z.number() })
    const error = await rejection<OutputValidationError>(
      completeObject(client(), ask('Ada Lovelace [[model:invalid_json]]'), {
        schema: Person,
        name: 'person',
      }),
    )
    expect(error).toBeInstanceOf(OutputValidationError)
    expect(error.reason).toBe('invalid_json')
    expect(error.text).toBe('{"name":"Ada Love')
    expect(error.message).toBe("The model's output is not valid JSON")
    // The request id is random: it is left out of what is searched for the model's words.
    const { requestId: _invalidId, ...logged } = error.toJSON()
    expect(JSON.stringify(logged)).not.toContain('Ada')
    expect(error.requestId).toEqual(expect.any(String))
  })

  it('rejects JSON the schema refuses, with the paths of the issues and not the values', async () => {
    const Person = z.object({ name: z.string(), age: z.number() })
    const error = await rejection<OutputValidationError>(
      completeObject(client(), ask('Ada Lovelace [[model:wrong_schema]]'), {
        schema: Person,
        name: 'person',
      }),
    )
    expect(error.reason).toBe('schema')
    expect(error.issues).toEqual([
      { path: 'name', message: 'Invalid input: expected string, received undefined' },
    ])
    expect(error.message).toBe("The model's output does not match the schema at name")
    // The model's value, `42.5`: a dot cannot occur in the random request id or the headers' dates.
    expect(JSON.stringify(error.toJSON())).not.toContain('42.5')
    expect(error.text).toBe('{"age":42.5}')
  })

  it('keeps a refusal a refusal: no object, outcome refusal', async () => {
    const Person = z.object({ name: z.string() })
    const result = await completeObject(client(), ask('Ada [[model:refuse]]'), {
      schema: Person,
      name: 'person',
    })
    expect(result.object).toBeUndefined()
    expect(result.outcome).toMatchObject({ type: 'refusal', refusal: REFUSAL })
  })
})
