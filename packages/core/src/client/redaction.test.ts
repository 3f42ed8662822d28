import { inspect } from 'node:util'
import { describe, expect, it } from 'vitest'
import { errorFromBody } from '../error-from-body.js'
import { ConnectionError, type InvalidRequestError } from '../errors.js'
import { createRedactor, secretQueryValues } from './redaction.js'

const KEY = 'Zx81-plain-Credential'

describe('createRedactor', () => {
  const redact = createRedactor(() => [` ${KEY}\t`, 'tab\tbed-secret-9'])

  it('matches a secret percent-encoded, as a URL holds it', () => {
    const encoded = createRedactor(() => ['k3y/with+plus='])
    expect(encoded.exact('GET /v1?key=k3y%2Fwith%2Bplus%3D&x=1')).toBe('GET /v1?key=[redacted]&x=1')
  })

  it('matches a secret as given, trimmed, JSON-escaped and folded, and a cut start of it before a …', () => {
    expect(redact.text(`a ${KEY} b`)).toBe('a [redacted] b')
    expect(redact.exact(JSON.stringify({ m: 'tab\tbed-secret-9' }))).toBe('{"m":"[redacted]"}')
    expect(redact.text('folded tab bed-secret-9')).toBe('folded [redacted]')
    expect(redact.text(`cut ${KEY.slice(0, 9)}…`)).toBe('cut [redacted]…')
  })

  it('takes a short secret out only where it stands alone, so the words around it stay readable', () => {
    const short = createRedactor(() => ['k', 'sk-test'])
    expect(short.text('unknown key: k')).toBe('unknown key: [redacted]')
    expect(short.exact('{"auth":"Bearer k","key":"sk-test"}')).toBe(
      '{"auth":"Bearer [redacted]","key":"[redacted]"}',
    )
    expect(short.exact('key=sk-test&x=1, sk-testing, ok.')).toBe('key=[redacted]&x=1, sk-testing, ok.')
    // An escape just before it (`%3D`, `%20`, a JSON `\n`) is no word it stands in.
    const escaped = createRedactor(() => ['abc1234'])
    expect(escaped.exact('GET /x?api-key%3Dabc1234 Bearer%20abc1234')).toBe(
      'GET /x?api-key%3D[redacted] Bearer%20[redacted]',
    )
    expect(escaped.exact('{"msg":"bad key\\nabc1234"}')).toBe('{"msg":"bad key\\n[redacted]"}')
    // A secret of eight characters or more goes wherever it is, inside words too.
    const long = createRedactor(() => ['k3y-long'])
    expect(long.text('prefixk3y-longsuffix')).toBe('prefix[redacted]suffix')
  })

  it('matches a secret in every percent-encoding a URL, a form or a service writes, escapes in either case', () => {
    const key = "Ab3d'Ef6h~Ij9(k)Lm+No/4p"
    const encoded = createRedactor(() => [key])
    const query = new URL('https://gw.example/')
    query.search = key
    const userinfo = new URL('https://gw.example/')
    userinfo.password = key
    const forms = [
      encodeURIComponent(key),
      encodeURIComponent(key).replace(/%[0-9A-F]{2}/g, (hex) => hex.toLowerCase()),
      new URLSearchParams({ k: key }).toString().slice(2),
      query.search.slice(1),
      userinfo.password,
      // PHP's json_encode escapes `/`.
      key.replace('/', '\\/'),
    ]
    expect(new Set(forms).size).toBe(forms.length)
    for (const form of forms) expect(encoded.exact(`rejected ${form}.`)).toBe('rejected [redacted].')
  })

  it('matches a secret with non-ASCII characters percent-encoded as their UTF-8 bytes, in either case', () => {
    const key = 'Schlüssel-4f9a8b7c6d5e'
    const redact = createRedactor(() => [key])
    const url = new URL('https://gw.example/')
    url.searchParams.set('key', key)
    expect(redact.exact(`GET ${url.href} failed`)).toBe('GET https://gw.example/?key=[redacted] failed')
    expect(redact.exact('key=schl%c3%bcssel-4f9a8b7c6d5e')).toBe('key=[redacted]')
  })

  it('matches a secret in any case, and its whitespace in any form', () => {
    const spaced = createRedactor(() => ['Xa7Kp3Rn9Wq2Lm5T', 'tok\tMn4 Bv8'])
    expect(spaced.exact('bad key XA7KP3RN9WQ2LM5T, xa7kp3rn9wq2lm5t')).toBe('bad key [redacted], [redacted]')
    for (const form of ['tok Mn4\n\tBv8', 'tok+Mn4%20Bv8', 'TOK  MN4 BV8']) {
      expect(spaced.exact(`got ${form}.`)).toBe('got [redacted].')
    }
  })

  it('stays linear on a megabyte of near misses, and still finds the key after them', () => {
    const key = "Xa7Kp3Rn9'Wq2Lm5TbC4d"
    const long = createRedactor(() => [key, 'tok\tMn4 Bv8 Cx2Zz'])
    const misses = `${key.slice(0, -1)}%27`.repeat(45_000)
    const spaces = `tok${' +%20'.repeat(200_000)}`
    const text = `${misses}${spaces}${key.replace("'", '%27')}`
    expect(text.length).toBeGreaterThan(1_000_000)
    expect(long.exact(text)).toBe(`${misses}${spaces}[redacted]`)
  })

  it('builds its patterns once per list of secrets, not once per string it cleans, cuts included', () => {
    const token = `eyJ${'abcdefghijklmnopqrstuvwxyzABCDEFGHIJ0123456789'.repeat(40)}`
    let listed = [`Bearer ${token}`, token]
    const wide = createRedactor(() => [...listed]).widen(
      (secrets) => secrets,
      () => '',
    )
    const made = countRegExps(() => {
      for (let i = 0; i < 5000; i++) wide.exact(i % 2 === 0 ? 'ab' : `a${token.slice(0, 40)}…`)
    })
    // Two patterns for two secrets (the rest are literals); built again only once the secrets change.
    expect(made).toBe(2)
    expect(wide.exact(`x ${token.slice(0, 40)}… y`)).toBe('x [redacted]… y')
    listed = ['another-secret-value']
    expect(countRegExps(() => wide.exact('another-secret-value'))).toBe(1)
    expect(wide.exact('is another-secret-value')).toBe('is [redacted]')
  })

  it('knows an Azure key by its form: 32 hex digits standing alone', () => {
    const hex = '9f3c1a7be24d4c0e8a6f5b2d1c0e9a7b'
    expect(redact.text(`resource ${hex.toUpperCase()}.`)).toBe('resource [redacted].')
    expect(redact.text(`req_${hex}`)).toBe(`req_${hex}`)
  })

  it('cleans every field of an error, not only its message', () => {
    const body = { error: { message: `bad ${KEY}`, code: KEY, type: KEY, param: `messages.${KEY}` } }
    const headers = new Headers({
      'x-request-id': `id-${KEY}`,
      'x-echo': KEY,
      location: `https://gw.example/next?sig=${KEY}`,
      'x-ratelimit-remaining-tokens': '12',
      'x-session-id': 's1',
      'www-authenticate': 'Basic realm="api"',
    })
    const error = redact.error(errorFromBody(400, body, headers)) as InvalidRequestError
    expect(error).toMatchObject({ code: '[redacted]', type: '[redacted]', requestId: 'id-[redacted]' })
    expect(error.issues.map((issue) => issue.path)).toEqual(['messages.[redacted]'])
    expect(Object.fromEntries(error.headers ?? [])).toEqual({
      location: 'https://gw.example/next',
      'x-echo': '[redacted]',
      'x-ratelimit-remaining-tokens': '12',
      'x-request-id': 'id-[redacted]',
      'x-session-id': '[redacted]',
      'www-authenticate': 'Basic realm="api"',
    })
    const cause = Object.assign(new Error(`connect ${KEY}`), { code: KEY, syscall: KEY })
    const failed = redact.error(new ConnectionError('failed', { cause }))
    for (const read of [JSON.stringify(error), inspect(error, { depth: 9 }), inspect(failed, { depth: 9 })]) {
      expect(read).not.toContain(KEY)
    }
  })

  it('finds the query values of a URL that are credentials', () => {
    expect(
      secretQueryValues(
        'https://gw.example/?api-version=2024-10-21&key=k1&code=c2&team=a&auth=a3&x-api-sig=s4',
      ),
    ).toEqual(['k1', 'c2', 'a3', 's4'])
  })

  it('finds a bare key in a query: a long name without a value, or with its `=` padding only', () => {
    const bare = 'Zq7wT2mXk9Lp4Rv8Nc3Bh6Yd1Fs5Ja0Ue7GiKt5W'
    const padded = 'c2VjcmV0LWtleS0wMTIzNDU2Nzg5YWJjZGVm'
    expect(secretQueryValues(`https://gw.example/?${bare}&${padded}==&short&team=`)).toEqual([
      bare,
      padded,
      `${padded}==`,
    ])
  })
})

/** How many RegExp objects `run` builds with the constructor (literals do not count). */
function countRegExps(run: () => void): number {
  const Original = globalThis.RegExp
  let made = 0
  globalThis.RegExp = new Proxy(Original, {
    construct(target, args) {
      made++
      return new target(...(args as [string, string?]))
    },
  })
  try {
    run()
  } finally {
    globalThis.RegExp = Original
  }
  return made
}
