import { isCredentialName } from '@chatwire/core/error-body'
import { describe, expect, it } from 'vitest'
import { isSecretName, redactHeaders } from './redact-headers.js'

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

describe('isSecretName', () => {
  it("is the client's list of credential names (but the emulator's own headers), so records hide what errors do", () => {
    const names = ['x-auth', 'x-session-id', 'x-api-sig', 'x-pass', 'pwd', 'x-jwt', 'cookie', 'code', 'sig']
    expect(names.filter(isSecretName)).toEqual(names)
    const innocent = [
      'x-team',
      'x-ratelimit-remaining-tokens',
      'www-authenticate',
      'x-bypass',
      'x-emulator-fault-key',
    ]
    expect(innocent.filter(isSecretName)).toEqual([])
    for (const name of [...names, ...innocent.slice(0, -1)])
      expect(isSecretName(name)).toBe(isCredentialName(name))
  })

  it('redacts the headers whose names say credential in a word of their own', () => {
    expect(
      redactHeaders({ 'x-pass': 'p4ss', 'x-jwt': 'j.w.t', 'x-api-sig': 's1g', 'x-bypass': 'cache' }),
    ).toEqual({
      'x-pass': '[redacted]',
      'x-jwt': '[redacted]',
      'x-api-sig': '[redacted]',
      'x-bypass': 'cache',
    })
  })
})
