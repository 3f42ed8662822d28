import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parsePartialJson, readPartialJson } from './partial-json.js'

/** Every path of a value, as JSON pointers: what monotonic means is that none of them goes away. */
function pathsOf(value: unknown, base = '', into: Set<string> = new Set()): Set<string> {
  into.add(base)
  if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) pathsOf(item, `${base}/${key}`, into)
  }
  return into
}

const jsonTexts = fc.oneof(
  fc.json({ depthSize: 'medium' }),
  fc.jsonValue().map((value) => JSON.stringify(value, null, 2)),
  fc.jsonValue().map((value) => JSON.stringify({ items: [value, { nested: value }] })),
)

describe('parsePartialJson', () => {
  it('reads a cut object as far as it goes', () => {
    expect(parsePartialJson('')).toBeUndefined()
    expect(parsePartialJson('{')).toEqual({})
    expect(parsePartialJson('{"name":"Ad')).toEqual({ name: 'Ad' })
    expect(parsePartialJson('{"name":"Ada","ag')).toEqual({ name: 'Ada' })
    expect(parsePartialJson('{"name":"Ada","age":')).toEqual({ name: 'Ada' })
    expect(parsePartialJson('{"name":"Ada","age":3')).toEqual({ name: 'Ada', age: 3 })
    expect(parsePartialJson('{"tags":["a","b')).toEqual({ tags: ['a', 'b'] })
    expect(parsePartialJson('{"ok":tr')).toEqual({})
    expect(parsePartialJson('{"ok":true,"n":[{"x":1}')).toEqual({ ok: true, n: [{ x: 1 }] })
  })

  it('keeps a number as its longest valid prefix, and drops a half-written escape', () => {
    expect(parsePartialJson('[1e')).toEqual([1])
    expect(parsePartialJson('[1.')).toEqual([1])
    expect(parsePartialJson('[-')).toEqual([])
    expect(parsePartialJson('["a\\')).toEqual(['a'])
    expect(parsePartialJson('["a\\u00')).toEqual(['a'])
    expect(parsePartialJson('["a\\u00e9')).toEqual(['aé'])
  })

  it('stops at an error, keeping what came before it', () => {
    expect(parsePartialJson('{"a":1} trailing')).toEqual({ a: 1 })
    expect(parsePartialJson('{"a":1,,"b":2}')).toEqual({ a: 1 })
    expect(parsePartialJson('Sure! {"a":1}')).toBeUndefined()
  })

  it('makes "__proto__" an own key, as JSON.parse does', () => {
    const value = parsePartialJson('{"__proto__":{"polluted":true}}') as Record<string, unknown>
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype)
    expect(value).toEqual(JSON.parse('{"__proto__":{"polluted":true}}'))
  })

  it('reads any depth without recursion', () => {
    const depth = 100_000
    const value = parsePartialJson(`${'['.repeat(depth)}1`)
    let level = value
    for (let i = 0; i < depth; i++) level = (level as unknown[])[0]
    expect(level).toBe(1)
  })

  it('property: every prefix of a valid JSON text parses without throwing, monotonically, to JSON.parse at the end', () => {
    fc.assert(
      fc.property(jsonTexts, (text) => {
        let seen = new Set<string>()
        for (let end = 0; end <= text.length; end++) {
          const paths = pathsOf(parsePartialJson(text.slice(0, end)))
          if (end === 0) paths.clear()
          for (const path of seen) if (!paths.has(path)) return false
          seen = paths
        }
        expect(parsePartialJson(text)).toEqual(JSON.parse(text))
        return true
      }),
      { numRuns: 150 },
    )
  }, 30_000)

  it('keeps the extent where whitespace, a half-written key, a comma or a closing quote leave the value', () => {
    const extents = [
      '{"a":"x',
      '{"a":"x"',
      '{"a":"x" ,',
      '{"a":"x", "b',
      '{"a":"x", "b":',
      '{"a":"x", "b": t',
    ].map((text) => readPartialJson(text).extent)
    expect(new Set(extents).size).toBe(1)
    expect(readPartialJson('{"a":"x", "b": true').extent).toBeGreaterThan(extents[0] ?? 0)
  })

  it('property: the extent never goes back, and a change of value always moves it', () => {
    fc.assert(
      fc.property(jsonTexts, (text) => {
        let previous = readPartialJson('')
        for (let end = 1; end <= text.length; end++) {
          const current = readPartialJson(text.slice(0, end))
          const changed = JSON.stringify(current.value) !== JSON.stringify(previous.value)
          if (current.extent < previous.extent || (changed && current.extent === previous.extent))
            return false
          previous = current
        }
        return true
      }),
      { numRuns: 150 },
    )
  }, 30_000)

  it('property: never throws on any text at all', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(...'{}[]":,\\ u0123456789.-+eEtruefalsn'.split('')) }),
        (text) => {
          parsePartialJson(text)
        },
      ),
      { numRuns: 1000 },
    )
  })
})
