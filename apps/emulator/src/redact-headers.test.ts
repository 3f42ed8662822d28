import { describe, expect, it } from 'vitest'
import { redactHeaders } from './redact-headers.js'

describe('redactHeaders', () => {
  it('redacts a header whose whole value is the request credential, however short', () => {
    expect(
      redactHeaders({
        'api-key': 'k1',
        'x-echo': 'k1',
        authorization: 'Bearer zz',
        'x-copy': 'zz',
        'x-team': 'k',
      }),
    ).toEqual({
      'api-key': '[redacted]',
      'x-echo': '[redacted]',
      authorization: '[redacted]',
      'x-copy': '[redacted]',
      'x-team': 'k',
    })
  })
})
