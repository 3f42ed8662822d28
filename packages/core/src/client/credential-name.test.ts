import { describe, expect, it } from 'vitest'
import { isCredentialName } from './credential-name.js'

describe('isCredentialName', () => {
  it('knows a credential by a word of its name, in any case', () => {
    const names = [
      'authorization',
      'Proxy-Authorization',
      'x-auth',
      'api-key',
      'ocp-apim-subscription-key',
      'x-access-token',
      'client_secret',
      'cookie',
      'x-session-id',
      'password',
      'x-pass',
      'pwd',
      'x-api-sig',
      'sig',
      'x-jwt',
      'x-signature',
      'x-credential',
      'code',
    ]
    expect(names.filter((name) => !isCredentialName(name))).toEqual([])
  })

  it('leaves names that only hold such a word inside another one, or say when or how to retry', () => {
    const names = [
      'x-ratelimit-remaining-tokens',
      'www-authenticate',
      'x-bypass-cache',
      'signal',
      'x-passthrough',
      'x-team',
      'error-code',
    ]
    expect(names.filter(isCredentialName)).toEqual([])
  })
})
