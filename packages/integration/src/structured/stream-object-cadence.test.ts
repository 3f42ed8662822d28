import { type ObjectStreamEvent, parsePartialJson, streamObject } from '@chatwire/core'
import { type Emulator, startEmulator } from '@chatwire/emulator'
import { createOpenAI } from '@chatwire/openai'
import { toJsonSchema } from '@valibot/to-json-schema'
import * as v from 'valibot'
import { afterEach, describe, expect, it } from 'vitest'

// How often streamObject parses the text so far: on every delta while it is short, then once it grew by 1/256
// of itself, so that the work stays linear in the output (it was quadratic: every delta re-read it all). The
// partials are counted, never timed. The emulator streams its reply one token (a word or a mark) per delta.

const Items = v.object({ items: v.array(v.object({ n: v.number(), s: v.string() })) })
const Note = v.object({ title: v.string(), body: v.string() })

let emulator: Emulator | undefined
afterEach(async () => {
  await emulator?.close()
  emulator = undefined
})

async function streamed<T>(reply: string, schema: v.GenericSchema<unknown, T>) {
  emulator = await startEmulator({ port: 0, tokenDelayMs: 0, reply })
  const client = createOpenAI({ apiKey: 'sk-test-abcdef', baseURL: `${emulator.url}/v1`, maxRetries: 0 })
  const stream = streamObject(
    client,
    { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] },
    { schema, name: 'out', toJsonSchema },
  )
  const events: ObjectStreamEvent<T>[] = []
  for await (const event of stream) events.push(event)
  return events
}

describe('streamObject parses', () => {
  it('a large output a bounded number of times, the last partial still the whole object', async () => {
    const value = { items: Array.from({ length: 1000 }, (_, n) => ({ n, s: 'abcdefghij'.repeat(10) })) }
    const json = JSON.stringify(value)
    expect(json.length).toBeGreaterThan(110_000)
    const events = await streamed(json, Items)
    const deltas = events.filter((event) => event.type === 'content.delta').length
    const partials = events.filter((event) => event.type === 'object.partial')
    expect(deltas).toBeGreaterThan(10_000)
    // Every delta up to 256 characters, then at most 256·ln(n/256) + 1 more: about 1800 for 116 KB.
    expect(partials.length).toBeLessThanOrEqual(256 + Math.ceil(256 * Math.log(json.length / 256)) + 1)
    expect(partials.length).toBeGreaterThan(500)
    expect(partials.at(-1)?.object).toEqual(value)
    expect(events.at(-1)).toEqual({ type: 'object', object: value })
  })

  it('a small output on every delta that adds to the object', async () => {
    const value = { title: 'A short note', body: 'of about two hundred bytes, '.repeat(6) }
    const json = JSON.stringify(value)
    expect(json.length).toBeLessThan(256)
    const events = await streamed(json, Note)
    // After each delta that changes the object the text shapes, that object comes next.
    let text = ''
    let before = JSON.stringify(parsePartialJson(''))
    let changes = 0
    for (const [index, event] of events.entries()) {
      if (event.type !== 'content.delta') continue
      text += event.delta
      const now = JSON.stringify(parsePartialJson(text))
      if (now === before) continue
      before = now
      changes++
      expect(events[index + 1], `after ${text.length} characters`).toEqual({
        type: 'object.partial',
        object: parsePartialJson(text),
      })
    }
    expect(changes).toBeGreaterThan(30)
    expect(events.filter((event) => event.type === 'object.partial')).toHaveLength(changes)
  })
})
