import { connect } from 'node:net'
import { describe, expect, it } from 'vitest'
import { startRootScript } from './testing/cli-process.js'

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

it("Ctrl-C on a terminal (SIGINT to pnpm emulator's whole process group, pnpm forwarding its copy) exits 0", async () => {
  const emulator = startRootScript('emulator', ['--port', '0'], { detached: true })
  await emulator.waitFor(/Try: curl .*\n.*\n/)
  process.kill(-(emulator.child.pid ?? 0), 'SIGINT')
  const run = await emulator.exited
  expect(run.code).toBe(0)
})
