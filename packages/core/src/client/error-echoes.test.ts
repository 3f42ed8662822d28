import { describe, expect, it } from 'vitest'
import { echoRedactor } from './error-echoes.js'
import { createRedactor } from './redaction.js'
import { secretHeaderValues } from './request-headers.js'

const KEY = 'Xa7Kp3Rn9Wq2Lm5T'
const S = 'Aa1Bb2Cc3Dd4Ee5F'

/** The redactor of an error body of a call that sent `headers` and knows `secrets`. */
const bodyRedactor = (headers: Record<string, string>, ...secrets: string[]) =>
  echoRedactor(createRedactor(() => [...secrets, ...secretHeaderValues(headers)]))

describe('echoRedactor', () => {
  it('matches a secret of 16+ characters with line breaks or zero-width characters between its characters', () => {
    const redact = bodyRedactor({}, KEY)
    for (const gap of ['\n', '\r\n    ', '\u200b', '\u00ad', '\u2060', '\\n']) {
      const echoed = `key ${KEY.slice(0, 7)}${gap}${KEY.slice(7, 12)}${gap}${KEY.slice(12)} x`
      expect(redact.exact(echoed)).toBe('key [redacted] x')
      // The call's own redactor, which every error goes through, matches the key only whole.
      expect(createRedactor(() => [KEY]).exact(echoed)).toBe(echoed)
    }
    // A shorter one only as it is: its characters spread over a text are likelier chance.
    const short = `key ${KEY.slice(0, 7)}\n${KEY.slice(7, 15)}`
    expect(bodyRedactor({}, KEY.slice(0, 15)).exact(short)).toBe(short)
  })

  it('stays linear on a megabyte of near misses, and still finds the wrapped key after them', () => {
    const redact = bodyRedactor({}, KEY)
    const misses = `${KEY.slice(0, -1)} \n\u200b\\n`.repeat(50_000)
    const gap = `${KEY.slice(0, 8)}${'\u200b'.repeat(200_000)}`
    const text = `${misses}${gap}${KEY.slice(0, 8)}\n${KEY.slice(8)}`
    expect(text.length).toBeGreaterThan(1_000_000)
    expect(redact.exact(text)).toBe(`${misses}${gap}[redacted]`)
  })

  it('knows the credential-named or long values of a cookie list alone, not ordinary words, nor `=` padding', () => {
    const redact = bodyRedactor(
      {
        cookie: `sid=${S}; theme=dark; consent=1; lang=en; session_token=abc123; pref=${S.toLowerCase()};flag`,
      },
      'k3y/with+plus==',
    )
    expect(
      redact.exact(
        `session ${S} expired, token abc123, ${S.toLowerCase()}; must be true when stream is 1, lang en, theme dark`,
      ),
    ).toBe(
      'session [redacted] expired, token [redacted], [redacted]; must be true when stream is 1, lang en, theme dark',
    )
    expect(redact.exact('a = b == c')).toBe('a = b == c')
  })

  it("knows a Basic value's decoded user:password and its password, UTF-8 included", () => {
    const redact = bodyRedactor({ authorization: `Basic ${btoa(`alice:${S}`)}` })
    expect(redact.exact(`login failed for alice:${S}; password ${S}`)).toBe(
      'login failed for [redacted]; password [redacted]',
    )
    const utf8 = btoa(String.fromCharCode(...new TextEncoder().encode('zoë:pässwörd-1234')))
    expect(bodyRedactor({ 'proxy-authorization': `basic ${utf8}` }).exact('bad pässwörd-1234')).toBe(
      'bad [redacted]',
    )
    // A token that is not base64, or whose text is no user:password, adds nothing.
    expect(bodyRedactor({ authorization: 'Basic not*base64' }).exact('not*base64 x')).toBe('[redacted] x')
    expect(bodyRedactor({ authorization: 'Basic YWJjZA==' }).exact('abcd')).toBe('abcd')
  })
})
