import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { FAULTS, type FaultName } from './catalog.js'
import { EVERY_FAULT_PARAMETERS, FAULT_PARAMETERS } from './parameters.js'
import { parseFault } from './spec.js'

const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8')
const NAMES = Object.keys(FAULTS) as FaultName[]

/** The README's fault table: each fault's row, cells split on unescaped pipes. */
function readmeRow(name: FaultName): string {
  const row = README.split('\n').find((line) => line.startsWith(`| \`${name}\` `))
  if (row === undefined) throw new Error(`no README row for ${name}`)
  return row
}

/** Every `key=value` the text shows, with each of `a|b|c`'s values apart. */
function shownValues(text: string): [string, string][] {
  return [...text.matchAll(/`([a-z_]+)=([^`]+)`/gu)].flatMap(([, key = '', values = '']) =>
    values
      .split(/\\?\|/u)
      .filter((value) => value !== '…')
      .map((value): [string, string] => [key, value]),
  )
}

describe('the fault parameters', () => {
  it.each(NAMES)("%s: the README's row and the catalog name every parameter the server takes", (name) => {
    for (const key of Object.keys(FAULT_PARAMETERS[name])) {
      expect(readmeRow(name)).toContain(`\`${key}=`)
      expect(FAULTS[name]).toMatch(new RegExp(`\\b${key}=`, 'u'))
    }
  })

  it.each(NAMES)('%s: every value the README shows is one the server takes', (name) => {
    const shown = shownValues(readmeRow(name))
    for (const [key, value] of shown) {
      if (Object.hasOwn(FAULT_PARAMETERS[name], key))
        expect(() => parseFault(`${name};${key}=${value}`)).not.toThrow()
    }
  })

  it('every fault takes should_retry, as the README says', () => {
    const sentence = README.split('\n\n').find((paragraph) => paragraph.startsWith('Any fault also takes'))
    expect(sentence).toBeDefined()
    const shown = shownValues(sentence ?? '')
    expect(shown.map(([key]) => key)).toEqual(
      Object.keys(EVERY_FAULT_PARAMETERS).flatMap((key) => [key, key]),
    )
    for (const name of NAMES) {
      for (const [key, value] of shown)
        expect(parseFault(`${name};${key}=${value}`).params).toEqual({ [key]: value })
    }
  })

  it('names the parameter and what it takes, never the value', () => {
    expect(() => parseFault('rate_limit;retry_after_ms=secret-ish')).toThrow(
      'The retry_after_ms parameter of the emulator fault rate_limit takes a number ≥ 0.',
    )
    expect(() => parseFault('rate_limit;retry_after_ms=secret-ish')).not.toThrow(/secret/)
    expect(() => parseFault('cut;aftre=2')).toThrow(
      "The emulator fault cut takes no parameter 'aftre'; it takes after, should_retry.",
    )
  })

  it('quotes an unknown fault or parameter name only when it is a short plain token, and lists the known ones', () => {
    const known = `Known faults: ${NAMES.join(', ')}.`
    expect(() => parseFault('Rate-Limt.2;after=1')).toThrow(`Unknown emulator fault 'Rate-Limt.2'. ${known}`)
    expect(() => parseFault('cut;Aftre_2=1')).toThrow(
      "The emulator fault cut takes no parameter 'aftre_2'; it takes after, should_retry.",
    )
    // Too long, or not a token (a header or a chat message may carry anything): said, not quoted.
    for (const name of ['x'.repeat(65), 'my secret plan', "it's", 'naïve', '<b>']) {
      expect(() => parseFault(`${name};after=1`)).toThrow(
        `Unknown emulator fault: the name given is not a known one. ${known}`,
      )
      expect(() => parseFault(`cut;${name}=1`)).toThrow(
        'The emulator fault cut takes no parameter of that name; it takes after, should_retry.',
      )
    }
    expect(() => parseFault(`${'x'.repeat(40)}`)).toThrow(`Unknown emulator fault '${'x'.repeat(40)}'.`)
  })

  it('checks a fail_then_succeed against the fault it wraps', () => {
    expect(parseFault('fail_then_succeed;with=rate_limit;retry_after_ms=10;times=2')).toEqual({
      name: 'fail_then_succeed',
      params: { with: 'rate_limit', times: '2' },
      withParams: { retry_after_ms: '10' },
    })
    expect(parseFault('fail_then_succeed;status=503').params).toEqual({ status: '503' })
    expect(() => parseFault('fail_then_succeed;with=reset;status=503')).toThrow(
      "The emulator fault fail_then_succeed takes no parameter 'status'",
    )
    expect(() => parseFault('fail_then_succeed;status=503;with=gremlins')).toThrow(
      'The with parameter of the emulator fault fail_then_succeed takes the name of a fault other than',
    )
  })

  it.each([
    ['number', 'latency;ms=', ['0', '1.5', '20000'], ['', '-1', 'abc', 'Infinity']],
    ['whole number', 'cut;after=', ['0', '3'], ['', '-1', '1.5', 'x']],
    ['status', 'server_error;status=', ['400', '503', '599'], ['200', '399', '600', '5xx']],
    [
      'retry headers',
      'rate_limit;header=',
      ['all', 'none', 'retry-after,retry-after-ms'],
      ['both', 'all,none'],
    ],
  ])('a %s takes what it says', (_kind, prefix, good, bad) => {
    for (const value of good) expect(() => parseFault(`${prefix}${value}`)).not.toThrow()
    for (const value of bad) expect(() => parseFault(`${prefix}${value}`), value).toThrow(/ takes /)
  })
})
