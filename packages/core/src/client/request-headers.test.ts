import { describe, expect, it } from 'vitest'
import { secretHeaderValues } from './request-headers.js'

const S = 'Aa1Bb2Cc3Dd4Ee5F'

describe('secretHeaderValues', () => {
  it('registers the values of every header named like a credential, by the one list', () => {
    const names = [
      'x-auth',
      'x-session-id',
      'x-api-sig',
      'x-pass',
      'x-jwt',
      'pwd',
      'api-key',
      'x-access-token',
    ]
    const headers = Object.fromEntries(names.map((name, index) => [name, `${S}${index}`]))
    expect(secretHeaderValues({ ...headers, 'x-team': 'search', 'x-bypass': 'cache' })).toEqual(
      names.map((_name, index) => `${S}${index}`),
    )
  })

  it('registers the token of a value with a scheme too', () => {
    expect(secretHeaderValues({ authorization: `Bearer  ${S} ` })).toEqual([`Bearer  ${S} `, S])
  })
})
