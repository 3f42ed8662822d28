import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { FAULTS } from './faults/catalog.js'
import { runEmulatorProcess, startEmulatorProcess } from './testing/emulator-process.js'

// Each test starts a Node process (tsx compiles the bin's source): a generous bound, for safety only.
const PROCESS = { timeout: 60_000 }
const FLAGS = ['--port', '--host', '--token-delay-ms', '--latency-ms', '--fault', '--key', '--loose-requests']
const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  version: string
}

/** Starts the CLI, sends one chat request with `body`, stops it with SIGTERM; what it printed and answered. */
async function serveOne(args: string[], body: Record<string, unknown>, key = 'sk-local') {
  const emulator = startEmulatorProcess(['--port', '0', ...args])
  let status: number
  try {
    const [, url] = await emulator.waitFor(/listening on (http:\/\/127\.0\.0\.1:\d+)\n/u)
    const reply = await fetch(`${url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }], ...body }),
    })
    status = reply.status
    await reply.text()
  } finally {
    emulator.child.kill('SIGTERM')
  }
  return { status, run: await emulator.exited }
}

describe('the CLI', () => {
  it('--help explains every flag and lists every fault with what it does', PROCESS, async () => {
    const run = await runEmulatorProcess(['--help'])
    expect([run.code, run.stderr]).toEqual([0, ''])
    for (const flag of [...FLAGS, '--quiet', '--version', '-h, --help']) {
      // The flag, its value's name if any, then words that say what it does.
      expect(run.stdout).toMatch(new RegExp(`^  ${flag}(?: [A-Z]+)? +\\S+ \\S+ \\S+`, 'mu'))
    }
    for (const name of Object.keys(FAULTS)) expect(run.stdout).toMatch(new RegExp(`^  ${name} +\\S+`, 'mu'))
    expect(run.stdout).toContain('Exit codes: 0 stopped by Ctrl-C or SIGTERM')
  })

  it('--version prints the package version', PROCESS, async () => {
    const run = await runEmulatorProcess(['--version'])
    expect(run).toMatchObject({ code: 0, stdout: `@chatwire/emulator ${version}\n`, stderr: '' })
  })

  it.each([
    [['--token-delay-ms', '-5'], '--token-delay-ms takes milliseconds, ≥ 0'],
    [['--port', '-1'], '--port takes a port from 0 to 65535 (0: any free port)'],
    [['--key', ''], '--key takes a non-empty key (leave --key out to accept any non-empty key)'],
  ])('%j: one clear line and the usage, exit 2', PROCESS, async (args, message) => {
    const run = await runEmulatorProcess(args)
    expect(run.stderr.split('\n').slice(0, 2)).toEqual([`chatwire-emulator: ${message}`, ''])
    expect(run.stderr).toContain('Usage: npx @chatwire/emulator')
    expect([run.code, run.stdout]).toEqual([2, ''])
  })

  it('--quiet prints only where it listens and that it closes', PROCESS, async () => {
    const { status, run } = await serveOne(['--quiet'], {})
    expect(status).toBe(200)
    expect(run.stdout.split('\n').filter((line) => line !== '')).toEqual([
      expect.stringMatching(/^chatwire emulator listening on http:\/\/127\.0\.0\.1:\d+$/u),
      'SIGTERM: closing…',
    ])
    expect([run.code, run.stderr]).toEqual([0, ''])
  })

  it('without --quiet prints the routes, the faults and a line per request', PROCESS, async () => {
    const { run } = await serveOne([], {})
    expect(run.stdout).toContain('Routes:')
    expect(run.stdout).toContain(Object.keys(FAULTS).join(', '))
    expect(run.stdout).toMatch(/^200 POST \/v1\/chat\/completions \[openai\]/mu)
  })

  it('never prints the --key it was given, not even in the curl line it suggests', PROCESS, async () => {
    const planted = 'planted-key-7c1e9d'
    const { status, run } = await serveOne(['--key', planted], {}, planted)
    expect(status).toBe(200)
    expect(run.stdout).toContain("-H 'authorization: Bearer <your --key>'")
    expect(`${run.stdout}${run.stderr}`).not.toContain(planted)
  })

  it('suggests the README key sk-local in its curl line when no --key was given', PROCESS, async () => {
    const { run } = await serveOne([], {})
    expect(run.stdout).toContain("-H 'authorization: Bearer sk-local'")
  })

  it('answers an unknown request field 400 unless --loose-requests', PROCESS, async () => {
    expect((await serveOne(['--quiet'], { temprature: 1 })).status).toBe(400)
    expect((await serveOne(['--quiet', '--loose-requests'], { temprature: 1 })).status).toBe(200)
  })
})
