import {
  HOLD_OUTPUT,
  killOnFailure,
  processUnder,
  RELEASE_OUTPUT,
  signalPending,
  until,
  writingToTerminal,
} from '@chatwire/testkit/process-state'
import { describe, expect, it } from 'vitest'
import { startEmulator } from './server.js'
import {
  runEmulatorProcess,
  startEmulatorOnTerminal,
  startEmulatorProcess,
} from './testing/emulator-process.js'

// Each test starts a Node process (tsx compiles the bin's source): a generous bound, for safety only.
const PROCESS = { timeout: 60_000 }

const FAULT_NAMES =
  'Known faults: rate_limit, server_error, html_error, unauthorized, not_found, content_filter_prompt, content_filter_completion, reset, latency, slow, reset_mid_stream, stall, malformed_json, cut, no_done, error_event, error_payload, fail_then_succeed.'

describe('the chatwire-emulator bin', () => {
  it('--help prints the usage, exit 0', PROCESS, async () => {
    const run = await runEmulatorProcess(['--help'])
    expect(run.stdout).toMatch(/^chatwire emulator: .*\n\nUsage: npx @chatwire\/emulator \[--port 4141\]/u)
    expect([run.code, run.stderr]).toEqual([0, ''])
  })

  it.each([
    [['--bogus'], {}, "Unknown option '--bogus'"],
    [['--port'], {}, "Option '--port <value>' argument missing"],
    [['serve'], {}, "Unexpected argument 'serve'"],
    [['--port', 'abc'], {}, '--port takes a port from 0 to 65535 (0: any free port)'],
    [[], { PORT: '70000' }, 'PORT takes a port from 0 to 65535 (0: any free port)'],
    [['--token-delay-ms', 'fast'], {}, '--token-delay-ms takes milliseconds, ≥ 0'],
    [['--latency-ms=-5'], {}, '--latency-ms takes milliseconds, ≥ 0'],
    [['--latency-ms', '-5'], {}, "Option '--latency-ms' argument is ambiguous"],
  ])('%j %j: one line and the usage on stderr, exit 2', PROCESS, async (args, env, message) => {
    const run = await runEmulatorProcess(args, env)
    const [line, blank, usage] = run.stderr.split('\n')
    expect([line, blank, usage]).toEqual([
      `chatwire-emulator: ${message}`,
      '',
      expect.stringMatching(/^chatwire emulator: /u),
    ])
    expect(run.stderr).toContain('Usage: npx @chatwire/emulator')
    expect(run.stderr).not.toMatch(/ERR_|\n {4}at /u)
    expect([run.code, run.stdout]).toEqual([2, ''])
  })

  it.each([
    ['rate_limt;retry_after_ms=500', `Unknown emulator fault 'rate_limt'. ${FAULT_NAMES}`],
    [
      'rate_limit;retry_after_ms=abc',
      'The retry_after_ms parameter of the emulator fault rate_limit takes a number ≥ 0.',
    ],
    [
      'cut;after=2;should_retry=maybe',
      'The should_retry parameter of the emulator fault cut takes true | false.',
    ],
    ['slow;after=2', "The emulator fault slow takes no parameter 'after'; it takes ms, should_retry."],
  ])('refuses --fault %s before it listens: one line, exit 2', PROCESS, async (spec, message) => {
    const run = await runEmulatorProcess(['--port', '0', '--fault', spec])
    expect(run.stderr).toBe(`chatwire-emulator: --fault: ${message}\n`)
    expect([run.code, run.stdout]).toEqual([2, ''])
  })

  it('says so when the port is in use: one line, exit 1', PROCESS, async () => {
    const busy = await startEmulator({ port: 0 })
    try {
      const run = await runEmulatorProcess(['--port', String(busy.port)])
      expect(run.stderr).toBe(
        `chatwire-emulator: port ${busy.port} is in use on 127.0.0.1: pass another --port, or --port 0 for any free port\n`,
      )
      expect([run.code, run.stdout]).toEqual([1, ''])
    } finally {
      await busy.close()
    }
  })

  it(
    'serves its --fault, refuses a bad x-emulator-fault with a 400, and stops on SIGTERM',
    PROCESS,
    async () => {
      const emulator = startEmulatorProcess([
        '--port',
        '0',
        '--quiet',
        '--fault',
        'rate_limit;retry_after_ms=1500',
      ])
      try {
        const [, url] = await emulator.waitFor(/listening on (http:\/\/127\.0\.0\.1:\d+)\n/u)
        const post = (headers: Record<string, string> = {}) =>
          fetch(`${url}/v1/chat/completions`, {
            method: 'POST',
            headers: { authorization: 'Bearer sk-local', 'content-type': 'application/json', ...headers },
            body: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }] }),
          })
        const limited = await post()
        expect([limited.status, limited.headers.get('retry-after-ms')]).toEqual([429, '1500'])
        const bad = await post({ 'x-emulator-fault': 'cut;after=x' })
        expect(bad.status).toBe(400)
        expect(await bad.json()).toMatchObject({
          error: {
            param: 'x-emulator-fault',
            message: 'The after parameter of the emulator fault cut takes a whole number ≥ 0.',
          },
        })
      } finally {
        emulator.child.kill('SIGTERM')
      }
      const run = await emulator.exited
      expect([run.code, run.stderr]).toEqual([0, ''])
      expect(run.stdout).toContain('SIGTERM: closing…')
    },
  )

  // Whoever reads "listening on" may signal at once: a SIGINT that comes while the banner is being written
  // (the terminal holds it, Ctrl-S from the start) is a stop, not a death by the signal.
  it(
    'takes a SIGINT that comes as its banner is written: closes, exit 0',
    PROCESS,
    async ({ onTestFailed }) => {
      const emulator = startEmulatorOnTerminal(['--port', '0'])
      let pid: number | undefined
      killOnFailure(onTestFailed, emulator, () => [pid])
      emulator.child.stdin?.write(HOLD_OUTPUT)
      pid = await processUnder(emulator.child.pid ?? 0, 'src/main.ts')
      await until(() => writingToTerminal(pid), 'the emulator blocks writing its banner')
      process.kill(pid, 'SIGINT')
      await until(() => !signalPending(pid, 'SIGINT'), 'the SIGINT is taken')
      emulator.child.stdin?.write(RELEASE_OUTPUT)
      const run = await emulator.exited
      expect(run.stdout).toContain('SIGINT: closing…')
      expect(run.code).toBe(0)
    },
  )
})
