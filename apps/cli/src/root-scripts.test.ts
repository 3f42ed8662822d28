import { connect } from 'node:net'
import {
  HOLD_OUTPUT,
  isStopped,
  killOnFailure,
  processUnder,
  RELEASE_OUTPUT,
  signalPending,
  terminalHeld,
  until,
  writingToTerminal,
} from '@chatwire/testkit/process-state'
import { describe, expect, it } from 'vitest'
import { startRootScript, startRootScriptOnTerminal } from './testing/cli-process.js'

/** Whether something listens at `url`'s port on loopback. */
function listening(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(Number(new URL(url).port), '127.0.0.1')
    socket.once('connect', () => {
      socket.destroy()
      resolve(true)
    })
    socket.once('error', () => resolve(false))
  })
}

const URL_IN = /http:\/\/127\.0\.0\.1:\d+/g

// The root scripts run the app in the script's own shell (`exec node …`), so that the signal pnpm passes on
// reaches it: through a second pnpm and its shell, the server lived on, re-parented to PID 1.
describe.each(['SIGTERM', 'SIGINT'] as const)(
  '%s to pnpm running a root script reaches the app',
  (signal) => {
    it('pnpm emulator closes, frees its port and exits 0', async () => {
      const emulator = startRootScript('emulator', ['--port', '0', '--key', 'sk-local'])
      await emulator.waitFor(/Try: curl .*\n.*\n/)
      const [url = ''] = emulator.output('stdout').match(URL_IN) ?? []
      expect(await listening(url)).toBe(true)
      // The curl line works as printed: it carries the first key the emulator takes.
      expect(emulator.output('stdout')).toContain(
        `Try: curl ${url}/v1/chat/completions -H 'authorization: Bearer sk-local'`,
      )
      emulator.child.kill(signal)
      const run = await emulator.exited
      expect(run.stdout).toContain(`${signal}: closing…`)
      expect(run.stderr).not.toMatch(/ELIFECYCLE|ERR_PNPM/)
      expect(run.code).toBe(0)
      expect(await listening(url)).toBe(false)
    })

    it('pnpm demo closes the page and its emulator', async () => {
      const demo = startRootScript('demo', [], { env: { PORT: '0' } })
      await demo.waitFor(/^http:\/\/127\.0\.0\.1:\d+\/$/m)
      // The banner names the in-process emulator's URL, then the page's.
      const urls = demo.output('stdout').match(URL_IN) ?? []
      expect(urls).toHaveLength(2)
      for (const url of urls) expect(await listening(url)).toBe(true)
      demo.child.kill(signal)
      expect((await demo.exited).code).toBe(0)
      for (const url of urls) expect(await listening(url)).toBe(false)
    })

    it('pnpm chat stops: its in-process emulator goes with it', async () => {
      const chat = startRootScript('chat', ['count to 5000'])
      await chat.waitFor('1, 2, 3')
      chat.child.kill(signal)
      // `exited` waits for every holder of the pipes: an orphaned CLI would stream on to 5000.
      const run = await chat.exited
      expect(run.stdout).not.toContain(', 5000')
    })
  },
)

it("pnpm api-docs runs TypeDoc (a script named docs lost to pnpm's built-in docs command)", async () => {
  const run = await startRootScript('api-docs', ['--version']).exited
  expect(run.code).toBe(0)
  expect(run.stdout).toContain('TypeDoc 0.28')
})

it("Ctrl-C on a terminal (SIGINT to pnpm chat's whole process group) stops the answer: exit 130", async () => {
  const chat = startRootScript('chat', ['count to 5000'], { detached: true })
  await chat.waitFor('1, 2, 3')
  process.kill(-(chat.child.pid ?? 0), 'SIGINT')
  const run = await chat.exited
  expect(run.code).toBe(130)
  expect(run.stdout).not.toContain(', 5000')
})

// A terminal's Ctrl-C reaches the emulator and pnpm, which passes its copy on. The copy that trips a stop-once
// handler (exit 1) comes after the emulator took its own and before it is closed, which timing alone gives
// rarely (the emulator closes in a moment; a copy that comes first merges with its own). So the test orders
// it: the terminal holds its output (Ctrl-S) and the emulator blocks writing "closing…"; stopped, it is
// seen to get pnpm's copy; then it goes on, and a stream under way keeps it closing past that copy.
it('Ctrl-C on a terminal (SIGINT to pnpm emulator and to pnpm, which forwards its copy as the emulator closes) exits 0', async ({
  onTestFailed,
}) => {
  const emulator = startRootScriptOnTerminal('emulator', ['--port', '0', '--quiet'])
  let pnpm: number | undefined
  let app: number | undefined
  killOnFailure(onTestFailed, emulator, () => [app, pnpm])
  // A terminal ends lines with \r\n, and `.` takes no \r.
  await emulator.waitFor(/Try: curl [^\n]*\n[^\n]*\n/)
  const [url = ''] = emulator.output().match(URL_IN) ?? []
  const reply = await fetch(`${url}/v1/chat/completions`, {
    method: 'POST',
    headers: { authorization: 'Bearer sk-test', 'content-type': 'application/json' },
    body: JSON.stringify({
      model: 'gpt-4o-mini',
      stream: true,
      messages: [{ role: 'user', content: 'count to 5000' }],
    }),
  })
  const body = reply.body?.getReader()
  await body?.read()
  pnpm = await processUnder(emulator.child.pid ?? 0, 'emulator')
  app = await processUnder(pnpm, 'src/main.ts')
  emulator.child.stdin?.write(HOLD_OUTPUT)
  await until(() => terminalHeld(app), 'the terminal holds its output')
  process.kill(app, 'SIGINT')
  await until(() => writingToTerminal(app), 'the emulator blocks writing to the held terminal')
  process.kill(app, 'SIGSTOP')
  await until(() => isStopped(app), 'the emulator is stopped')
  process.kill(pnpm, 'SIGINT')
  await until(() => signalPending(app, 'SIGINT'), "pnpm's copy reaches the emulator")
  process.kill(app, 'SIGCONT')
  await until(() => !signalPending(app, 'SIGINT'), "the emulator takes pnpm's copy")
  emulator.child.stdin?.write(RELEASE_OUTPUT)
  const run = await emulator.exited
  await body?.cancel().catch(() => {})
  expect(run.stdout).toContain('SIGINT: closing…')
  expect(run.stdout).not.toMatch(/ELIFECYCLE|ERR_PNPM/)
  expect(run.code).toBe(0)
  expect(await listening(url)).toBe(false)
})
