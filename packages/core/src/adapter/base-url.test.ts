import { describe, expect, it } from 'vitest'
import { urlUnder } from './base-url.js'

describe('urlUnder', () => {
  it('joins a path under a base with or without a trailing slash, keeping its query and dropping its hash', () => {
    expect(urlUnder('x', 'baseURL', 'https://api.example/v1', 'chat/completions')).toBe(
      'https://api.example/v1/chat/completions',
    )
    expect(urlUnder('x', 'baseURL', 'https://api.example/v1//', 'chat/completions')).toBe(
      'https://api.example/v1/chat/completions',
    )
    expect(urlUnder('x', 'baseURL', new URL('https://gw.example/openai?team=a#frag'), 'info')).toBe(
      'https://gw.example/openai/info?team=a',
    )
  })

  it('sets query parameters URL-encoded, over the base query', () => {
    const url = urlUnder('x', 'endpoint', 'https://r.example/?api-version=old', 'chat/completions', {
      'api-version': '2025-05-01 &x',
    })
    expect(url).toBe('https://r.example/chat/completions?api-version=2025-05-01+%26x')
  })

  it('refuses what is not an http(s) URL, and credentials in the URL, naming the option', () => {
    expect(() => urlUnder('openai', 'baseURL', 'not a url', 'x')).toThrow(
      'openai: baseURL is not a valid URL',
    )
    expect(() => urlUnder('openai', 'baseURL', 'file:///etc/passwd', 'x')).toThrow(
      /http or https URL, got file:/,
    )
    expect(() => urlUnder('openai', 'baseURL', 'https://me:pw@api.example', 'x')).toThrow(
      /user name or password/,
    )
    try {
      urlUnder('openai', 'baseURL', 'https://me:hunter2@api.example', 'x')
    } catch (error) {
      expect(String(error)).not.toContain('hunter2')
    }
  })
})
