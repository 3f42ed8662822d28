import { describe, expect, it } from 'vitest'
import { redactQuery } from './redact-query.js'

describe('redactQuery', () => {
  it('redacts a parameter holding the credential of a header, whatever its name', () => {
    const query = new URLSearchParams({
      pass: 'Xa7Kp3Rn9Wq2Lm5T',
      copy: 'key=Xa7Kp3Rn9Wq2Lm5T&x',
      region: 'west',
    })
    expect(redactQuery(query, { authorization: 'Bearer Xa7Kp3Rn9Wq2Lm5T' })).toEqual({
      pass: '[redacted]',
      copy: '[redacted]',
      region: 'west',
    })
  })

  it('redacts a parameter holding the credential of another parameter (a key, a code, a sig)', () => {
    const query = new URLSearchParams([
      ['api-key', 'query-key-1'],
      ['sig', 'sas-sig-22'],
      ['echo', 'query-key-1'],
      ['state', 'after-sas-sig-22'],
      ['region', 'west'],
    ])
    expect(redactQuery(query, {})).toEqual({
      'api-key': '[redacted]',
      sig: '[redacted]',
      echo: '[redacted]',
      state: '[redacted]',
      region: 'west',
    })
  })

  it('redacts a short credential only as the whole value, and keeps values no credential is in', () => {
    const query = new URLSearchParams({ a: 'k1', b: 'k1k1', c: 'other' })
    expect(redactQuery(query, { 'api-key': 'k1' })).toEqual({ a: '[redacted]', b: 'k1k1', c: 'other' })
  })
})
