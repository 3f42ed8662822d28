// The partial JSON parse of a streamed object, re-run at every token as streamObject does, beside the
// partial-json package and the floor (JSON.parse of the whole text, once per token: what no partial parser
// can beat). Printed by `pnpm bench`; not part of BENCHMARKS.md's tables.
import { parsePartialJson } from '@chatwire/core'
import { parse as partialJson } from 'partial-json'
import { bench, describe } from 'vitest'

const OPTIONS = { time: 1000, iterations: 10, warmupTime: 200, warmupIterations: 3 }

/** A recipe-like object of about 8 KB, cut into tokens of 4 characters, as a model streams it. */
function streamedObject(): { text: string; prefixes: string[] } {
  const steps = Array.from({ length: 60 }, (_, i) => ({
    text: `Step ${i}: whisk the eggs with "sugar" and zest, then rest the dough for a while`,
    minutes: i * 1.5,
    done: i % 2 === 0,
  }))
  const text = JSON.stringify({ title: 'Lemon tart', servings: 8, tags: ['dessert', 'citrus'], steps })
  const prefixes: string[] = []
  for (let end = 4; end < text.length + 4; end += 4) prefixes.push(text.slice(0, end))
  return { text, prefixes }
}

const { text, prefixes } = streamedObject()
const expected = JSON.stringify(JSON.parse(text))
if (JSON.stringify(parsePartialJson(text)) !== expected) throw new Error('chatwire misread the object')
if (JSON.stringify(partialJson(text)) !== expected) throw new Error('partial-json misread the object')

describe(`partial JSON, every prefix of an ${Math.round(text.length / 1024)} KB object (${prefixes.length} tokens)`, () => {
  bench(
    'floor (JSON.parse of the whole text per token)',
    () => {
      for (let i = 0; i < prefixes.length; i++) JSON.parse(text)
    },
    OPTIONS,
  )
  bench(
    'chatwire parsePartialJson',
    () => {
      for (const prefix of prefixes) parsePartialJson(prefix)
    },
    OPTIONS,
  )
  bench(
    'partial-json',
    () => {
      for (const prefix of prefixes) partialJson(prefix)
    },
    OPTIONS,
  )
})
