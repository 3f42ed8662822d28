import {
  AbortError,
  type ChatRequest,
  type ObjectStreamEvent,
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

/** Every path of a value, as JSON pointers. */
function pathsOf(value: unknown, base = '', into: Set<string> = new Set()): Set<string> {
  into.add(base)
  if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) pathsOf(item, `${base}/${key}`, into)
  }
  return into
}

const partialsOf = <T>(events: ObjectStreamEvent<T>[]) =>
  events.flatMap((event) => (event.type === 'object.partial' ? [event.object] : []))

async function collect<T>(stream: AsyncIterable<ObjectStreamEvent<T>>): Promise<ObjectStreamEvent<T>[]> {
  const events: ObjectStreamEvent<T>[] = []
  for await (const event of stream) events.push(event)
  return events
}

const Recipe = z.strictObject({
  title: z.string(),
  servings: z.number().int(),
  steps: z.array(z.strictObject({ text: z.string(), minutes: z.number() })),
})

describe.each(DIALECTS)('streamObject over $name', ({ connect, model }) => {
  const client = () => connect(emulator.current.url)
  const ask = (content: string): ChatRequest => ({ model, messages: [{ role: 'user', content }] })

  it('streams partial objects that only grow, the last equal to the validated object', async () => {
    const stream = streamObject(client(), ask('Lemon tart with a crisp base'), {
      schema: Recipe,
      name: 'recipe',
      strict: true,
    })
    const events = await collect(stream)
    const partials = partialsOf(events)
    expect(partials.length).toBeGreaterThan(5)
    for (const [index, partial] of partials.entries()) {
      const next = partials[index + 1]
      if (next === undefined) continue
      const later = pathsOf(next)
      for (const path of pathsOf(partial)) expect(later.has(path), path).toBe(true)
    }
    const last = events.at(-1)
    if (last?.type !== 'object') throw new Error(`expected the object last, got ${last?.type}`)
    expectTypeOf(last.object).toEqualTypeOf<z.infer<typeof Recipe>>()
    expect(partials.at(-1)).toEqual(last.object)
    const { object, outcome } = await stream.final()
    expect(outcome.type).toBe('stop')
    expect(object).toEqual(last.object)
    expect(Recipe.parse(object)).toEqual(object)
  })

  it('streams the objects of valibot and arktype schemas too', async () => {
    const valibot = streamObject(client(), ask('Ada Lovelace'), {
      schema: v.strictObject({ name: v.string() }),
      name: 'person',
      strict: true,
      toJsonSchema,
    })
    expect((await valibot.final()).object).toEqual({ name: 'Ada Lovelace' })
    const arktype = streamObject(client(), ask('Ada Lovelace'), {
      schema: type({ '+': 'reject', name: 'string' }),
      name: 'person',
      strict: true,
    })
    expect(partialsOf(await collect(arktype)).at(-1)).toEqual({ name: 'Ada Lovelace' })
  })

  it('throws an OutputValidationError after the partials of a reply that is not JSON; final() holds it', async () => {
    const stream = streamObject(client(), ask('Lemon tart [[model:invalid_json]]'), {
      schema: Recipe,
      name: 'recipe',
    })
    const events: ObjectStreamEvent<unknown>[] = []
    const error = await rejection<OutputValidationError>(
      (async () => {
        for await (const event of stream) events.push(event)
      })(),
    )
    expect(error).toBeInstanceOf(OutputValidationError)
    expect(error.reason).toBe('invalid_json')
    expect(partialsOf(events).length).toBeGreaterThan(0)
    expect(events.some((event) => event.type === 'object')).toBe(false)
    const { outcome, object } = await stream.final()
    expect(object).toBeUndefined()
    expect(outcome).toMatchObject({ type: 'error', error })
  })

  it('holds a schema failure in the outcome of final(), which never rejects', async () => {
    const { outcome, object } = await streamObject(client(), ask('Lemon tart [[model:wrong_schema]]'), {
      schema: Recipe,
      name: 'recipe',
    }).final()
    expect(object).toBeUndefined()
    if (outcome.type !== 'error') throw new Error(`expected error, got ${outcome.type}`)
    expect(outcome.error).toBeInstanceOf(OutputValidationError)
    expect((outcome.error as OutputValidationError).issues.map((issue) => issue.path)).toEqual(['title'])
  })

  it('streams a refusal as refusal deltas, no partial object, outcome refusal', async () => {
    const stream = streamObject(client(), ask('Lemon tart [[model:refuse]]'), {
      schema: Recipe,
      name: 'recipe',
    })
    const events = await collect(stream)
    expect(partialsOf(events)).toEqual([])
    const refusal = events.flatMap((event) => (event.type === 'refusal.delta' ? [event.delta] : [])).join('')
    expect(refusal).toBe("I'm sorry, but I can't help with that request.")
    const { outcome, object } = await stream.final()
    expect(object).toBeUndefined()
    expect(outcome).toMatchObject({ type: 'refusal', refusal })
  })

  it("stops at the caller's signal, whose reason the AbortError keeps", async () => {
    const controller = new AbortController()
    const stream = streamObject(client(), ask('Lemon tart with a crisp base'), {
      schema: Recipe,
      name: 'recipe',
      signal: controller.signal,
    })
    const error = await rejection<AbortError>(
      (async () => {
        for await (const event of stream) if (event.type === 'object.partial') controller.abort('user left')
      })(),
    )
    expect(error).toBeInstanceOf(AbortError)
    expect(error.reason).toBe('user left')
    expect((await stream.final()).outcome).toMatchObject({ type: 'error', error })
  })

  it('stops the request when the reader stops early; final() then has the abort', async () => {
    const stream = streamObject(client(), ask('Lemon tart with a crisp base'), {
      schema: Recipe,
      name: 'recipe',
    })
    for await (const event of stream) if (event.type === 'object.partial') break
    const { outcome, object } = await stream.final()
    expect(object).toBeUndefined()
    expect(outcome.type).toBe('error')
  })
})
