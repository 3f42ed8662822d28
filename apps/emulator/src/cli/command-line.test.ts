import { describe, expect, it } from 'vitest'
import { parseCommandLine } from './command-line.js'

const parse = (argv: string[], env: Record<string, string> = {}) => parseCommandLine(argv, env)

describe('parseCommandLine', () => {
  it.each([
    [['--token-delay-ms', '-5'], '--token-delay-ms takes milliseconds, ≥ 0'],
    [['--token-delay-ms=-5'], '--token-delay-ms takes milliseconds, ≥ 0'],
    [['--latency-ms', '-0.5'], '--latency-ms takes milliseconds, ≥ 0'],
    [['--port', '-1'], '--port takes a port from 0 to 65535 (0: any free port)'],
    [['--port=-1'], '--port takes a port from 0 to 65535 (0: any free port)'],
  ])('%j: the flag’s own message, with or without =', (argv, message) => {
    expect(() => parse(argv)).toThrow(message)
  })

  it('still refuses an option where a value should be, and a dash that is no number', () => {
    expect(() => parse(['--port', '--quiet'])).toThrow("Option '--port' argument is ambiguous")
    expect(() => parse(['--fault', '-x'])).toThrow("Option '--fault' argument is ambiguous")
  })

  it.each([[['--key', '']], [['--key', 'sk-a', '--key', ' ']], [['--key=']]])(
    '%j: refuses an empty key, without quoting the others',
    (argv) => {
      expect(() => parse(argv)).toThrow(
        '--key takes a non-empty key (leave --key out to accept any non-empty key)',
      )
      expect(() => parse(argv)).not.toThrow(/sk-a/u)
    },
  )

  it('refuses an empty --host', () => {
    expect(() => parse(['--host', ''])).toThrow('--host takes a host name or an IP address')
  })

  it('reads every flag', () => {
    expect(
      parse(
        ['--port', '0', '--token-delay-ms', '5', '--latency-ms', '1', '--key', 'a', '--key', 'b'].concat([
          '--fault',
          'cut;after=1',
          '--loose-requests',
          '--quiet',
        ]),
      ),
    ).toEqual({
      help: false,
      version: false,
      port: 0,
      host: '127.0.0.1',
      tokenDelayMs: 5,
      latencyMs: 1,
      fault: { name: 'cut', params: { after: '1' } },
      keys: ['a', 'b'],
      looseRequests: true,
      quiet: true,
    })
    expect(parse([], { PORT: '5000' })).toMatchObject({ port: 5000, tokenDelayMs: 20, looseRequests: false })
    expect(parse(['--version'])).toMatchObject({ version: true })
  })
})
