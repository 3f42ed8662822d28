// A schema library's issue messages quote the value they rejected (valibot: `but received "…"`); that value is
// the model's output or a tool's arguments, so neither an OutputValidationError nor a tool message carries it.
import { completeObject, OutputValidationError, runTools, tool } from '@chatwire/core'
import { useEmulator } from '@chatwire/emulator/testing'
import { createOpenAI } from '@chatwire/openai'
import { rejection } from '@chatwire/testkit'
import { toJsonSchema } from '@valibot/to-json-schema'
import { type } from 'arktype'
import * as v from 'valibot'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { z } from 'zod'

const emulator = useEmulator({ hooks: { beforeAll, afterAll, beforeEach } })

const OUTPUT = '{"mood":"PLANTED-OUT","n":"PLANTED-N","items":[{"price":"PLANTED-P"}]}'
const ask = (content: string) => ({ model: 'gpt-4o-mini', messages: [{ role: 'user' as const, content }] })

const SCHEMAS = [
  [
    'valibot',
    v.object({
      mood: v.picklist(['happy', 'sad']),
      n: v.number(),
      items: v.array(v.object({ price: v.number() })),
    }),
    toJsonSchema,
  ],
  [
    'zod',
    z.object({
      mood: z.enum(['happy', 'sad']),
      n: z.number(),
      items: z.array(z.object({ price: z.number() })),
    }),
    undefined,
  ],
  [
    'arktype',
    type({ mood: "'happy' | 'sad'", n: 'number', items: type({ price: 'number' }).array() }),
    undefined,
  ],
] as const

describe.each(SCHEMAS)('with %s', (_library, schema, convert) => {
  it("gives an OutputValidationError whose issues quote nothing of the model's output", async () => {
    const scope = emulator.current.scope({ reply: OUTPUT })
    const error = await rejection<OutputValidationError>(
      completeObject(createOpenAI(scope.openai), ask('mood'), {
        schema: schema as never,
        name: 'mood',
        ...(convert === undefined ? {} : { toJsonSchema: convert as never }),
      }),
    )
    expect(error).toBeInstanceOf(OutputValidationError)
    expect(error.issues.map((issue) => issue.path).sort()).toEqual(['items[0].price', 'mood', 'n'])
    expect(JSON.stringify(error.issues)).not.toContain('PLANTED')
    expect(`${error.message} ${JSON.stringify(error)}`).not.toContain('PLANTED')
    expect(error.text).toBe(OUTPUT)
  })

  it('answers arguments the schema rejects with a tool message that quotes none of them', async () => {
    const scope = emulator.current.scope({
      reply: ({ request }) =>
        request.messages.some((message) => message.role === 'tool')
          ? 'done'
          : {
              toolCalls: [
                { name: 'set_mood', arguments: { mood: 'PLANTED-ARG', n: 'PLANTED-N', items: [] } },
              ],
            },
    })
    const mood = tool({
      name: 'set_mood',
      parameters: schema as never,
      ...(convert === undefined ? {} : { toJsonSchema: convert as never }),
      execute: () => 'ok',
    })
    const { messages } = await runTools(createOpenAI(scope.openai), ask('set the mood'), {
      tools: [mood],
    }).final()
    const content = messages.find((message) => message.role === 'tool')?.content
    expect(content).toMatch(/^Invalid arguments for set_mood: mood: .+; n: .+\. Call set_mood again/)
    expect(content).not.toContain('PLANTED')
    const sent = scope.requests.at(-1)?.body as { messages: { role: string; content: unknown }[] }
    expect(sent.messages.find((message) => message.role === 'tool')?.content).toBe(content)
  })
})

it("keeps valibot's expectation and says what it received, in its own words", async () => {
  const scope = emulator.current.scope({ reply: '{"mood":"PLANTED-OUT"}' })
  const error = await rejection<OutputValidationError>(
    completeObject(createOpenAI(scope.openai), ask('mood'), {
      schema: v.object({ mood: v.picklist(['happy', 'sad']) }),
      name: 'mood',
      toJsonSchema,
    }),
  )
  expect(error.issues).toEqual([
    { path: 'mood', message: 'Invalid type: Expected ("happy" | "sad") but received a string' },
  ])
})
