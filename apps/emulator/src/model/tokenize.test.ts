import { describe, expect, it } from 'vitest'
import { countTokens, tokenize } from './tokenize.js'

describe('tokenize', () => {
  it('splits words and punctuation, keeping the leading whitespace', () => {
    expect(tokenize('Hello, world!')).toEqual(['Hello', ',', ' world', '!'])
  })

  it('gives the text back when joined, whatever the spacing', () => {
    for (const text of ['', '  two  spaces  ', 'tab\there\nnew line', 'émoji 🎉 ok', 'it\'s {"a":1}']) {
      expect(tokenize(text).join('')).toBe(text)
    }
  })

  it('counts what it splits', () => {
    expect(countTokens('one two three.')).toBe(4)
    expect(countTokens('')).toBe(0)
  })
})
