import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { standardValidation } from './standard-validation.js'
import { unquotedIssueMessage, valueAtPath } from './unquoted-issue.js'

describe('unquotedIssueMessage', () => {
  it.each([
    ['valibot', 'Invalid type: Expected ("happy" | "sad") but received "PLANTED-1"', 'PLANTED-1'],
    ['zod 3', "Invalid enum value. Expected 'happy' | 'sad', received 'PLANTED-1'", 'PLANTED-1'],
    ['arktype', 'mood must be "happy" or "sad" (was "PLANTED-1")', 'PLANTED-1'],
    ['a JSON-escaped quote', 'Expected a name but received "PLANTED \\"x\\"\\n"', 'PLANTED "x"\n'],
    ['a backtick quote', 'Unknown value `PLANTED`', 'PLANTED'],
    ['an author quoting bare', 'no forecast for PLANTED-1 today', 'PLANTED-1'],
  ])('takes the value out of a %s message', (_library, message, value) => {
    const clean = unquotedIssueMessage(message, value)
    expect(clean).not.toContain('PLANTED')
    expect(clean).toContain('a string')
  })

  it('keeps what the schema expects, and says what was received', () => {
    expect(
      unquotedIssueMessage('Invalid type: Expected ("happy" | "sad") but received "angry"', 'angry'),
    ).toBe('Invalid type: Expected ("happy" | "sad") but received a string')
    expect(unquotedIssueMessage('Invalid value: Expected <=14 but received 30', 30)).toBe(
      'Invalid value: Expected <=14 but received a number',
    )
  })

  it('takes out the strings, keys and numbers nested in the value, the longest first', () => {
    const value = { PLANTEDKEY: 'PLANTED-long', list: [{ price: 'PLANTED-p' }, 4242] }
    const clean = unquotedIssueMessage(
      'Bad: "PLANTEDKEY", "PLANTED-long" / \'PLANTED-p\' and 4242 (was "PLANTED-long")',
      value,
    )
    expect(clean).toBe('Bad: a key, a string / a string and a number (was a string)')
  })

  it('leaves a short unquoted word alone: it may be a word of the message', () => {
    expect(unquotedIssueMessage('Expected number but received "number"', 'number')).toBe(
      'Expected number but received a string',
    )
    expect(unquotedIssueMessage('Expected 10 but received 1', 1)).toBe('Expected 10 but received a number')
  })

  it('finds the value at a path, or the nearest value on it', () => {
    const input = { a: [{ b: 'x' }] }
    expect(valueAtPath(input, ['a', 0, 'b'])).toBe('x')
    expect(valueAtPath(input, ['a', 3, 'b'])).toEqual([{ b: 'x' }])
    expect(valueAtPath(input, [])).toBe(input)
  })
})

describe('standardValidation', () => {
  const planted = { mood: 'PLANTED-OUT', n: 'PLANTED-N', items: [{ price: 'PLANTED-P' }] }

  it.each([
    [
      'valibot',
      v.object({
        mood: v.picklist(['happy', 'sad']),
        n: v.number(),
        items: v.array(v.object({ price: v.number() })),
      }),
    ],
    [
      'zod',
      z.object({
        mood: z.enum(['happy', 'sad']),
        n: z.number(),
        items: z.array(z.object({ price: z.number() })),
      }),
    ],
  ])('gives %s issues that quote nothing of the value, with their paths', async (_library, schema) => {
    const result = await standardValidation(schema, planted)
    if (result.success) throw new Error('expected issues')
    expect(result.issues.map((issue) => issue.path)).toEqual(['mood', 'n', 'items[0].price'])
    expect(JSON.stringify(result.issues)).not.toContain('PLANTED')
  })

  it("keeps valibot's expectation in its message", async () => {
    const result = await standardValidation(v.object({ mood: v.picklist(['happy', 'sad']) }), {
      mood: 'PLANTED',
    })
    expect(result).toEqual({
      success: false,
      issues: [{ path: 'mood', message: 'Invalid type: Expected ("happy" | "sad") but received a string' }],
    })
  })
})
