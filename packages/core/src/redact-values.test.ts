import { describe, expect, it } from 'vitest'
import { createRedactor } from './client/redaction.js'
import { redactValues } from './redact-values.js'

const KEY = 'Zx81-plain-Credential'
const redactor = createRedactor(() => [KEY])

describe('redactValues', () => {
  it('copies a parsed body with the known secrets taken out of every string, keys included', () => {
    const body = { error: { message: `bad key ${KEY}`, [KEY]: [1, `${KEY}!`, null, true] } }
    expect(redactValues(body, redactor)).toEqual({
      error: { message: 'bad key [redacted]', '[redacted]': [1, '[redacted]!', null, true] },
    })
    expect(body.error.message).toBe(`bad key ${KEY}`)
  })

  it('takes out known secrets only: a body is not searched for what merely looks like a key', () => {
    expect(redactValues('sk-proj-abcdef123456', redactor)).toBe('sk-proj-abcdef123456')
  })

  it('drops what lies deeper than 32 levels, so a hostile body cannot exhaust the stack', () => {
    let deep: unknown = KEY
    for (let level = 0; level < 40; level++) deep = [deep]
    let copy = redactValues(deep, redactor)
    let depth = 0
    while (Array.isArray(copy)) {
      copy = copy[0]
      depth++
    }
    expect([depth, copy]).toEqual([32, undefined])
  })

  it('keeps a `__proto__` key of the body as a key of the copy, not as its prototype', () => {
    const body = JSON.parse('{"__proto__": {"error": "planted"}, "message": "hi"}') as Record<string, unknown>
    const copy = redactValues(body, redactor) as Record<string, unknown>
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype)
    expect(copy.error).toBeUndefined()
    expect(Object.keys(copy)).toEqual(['__proto__', 'message'])
    expect(Object.getOwnPropertyDescriptor(copy, '__proto__')?.value).toEqual({ error: 'planted' })
  })
})
