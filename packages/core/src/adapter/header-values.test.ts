import { describe, expect, it } from 'vitest'
import { checkHeaderValue, normalizeHeaders } from './header-values.js'

const KEY = 'sk-live-0123456789abcdefghijklmnop'

describe('normalizeHeaders', () => {
  it('lower-cases names and keeps values', () => {
    expect(normalizeHeaders('x', { 'X-Team': 'a', Authorization: 'Bearer t' })).toEqual({
      'x-team': 'a',
      authorization: 'Bearer t',
    })
    expect(normalizeHeaders('x', undefined)).toEqual({})
  })

  it('refuses an invalid name, and a value with CR, LF or NUL, never quoting the value', () => {
    expect(() => normalizeHeaders('fetch', { 'bad name': 'v' })).toThrow(
      'fetch: "bad name" is not a valid header name',
    )
    for (const value of [`${KEY}\r\nx-evil: 1`, `${KEY}\n`, `a\0${KEY}`]) {
      let thrown: unknown
      try {
        normalizeHeaders('fetch', { 'x-api-key': value })
      } catch (error) {
        thrown = error
      }
      expect(thrown).toBeInstanceOf(TypeError)
      expect(String(thrown)).toMatch(/the value of header 'x-api-key' contains a line break or NUL/)
      expect(String(thrown)).not.toContain(KEY)
    }
  })
})

describe('checkHeaderValue', () => {
  it('returns a clean string, and refuses what is not a string', () => {
    expect(checkHeaderValue('azure', 'apiKey', KEY)).toBe(KEY)
    expect(() => checkHeaderValue('azure', 'apiKey', 42)).toThrow(
      'azure: apiKey must be a string, got number',
    )
  })
})
