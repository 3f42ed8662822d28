import { execFile } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { startEmulatorProcess } from './testing/emulator-process.js'

const README = readFileSync(new URL('../README.md', import.meta.url), 'utf8')
const SECTION = README.slice(README.indexOf('## curl'))
const START = /works as written against `npx @chatwire\/emulator ([^`]+)`/u.exec(SECTION)?.[1] ?? ''
const BLOCK = /```sh\n([\s\S]*?)```/u.exec(SECTION)?.[1] ?? ''

/** The block's commands, each on one line (continuations joined), without comments. */
const COMMANDS = BLOCK.replace(/\\\n\s*/gu, ' ')
  .split('\n')
  .filter((line) => line.trim() !== '' && !line.startsWith('#'))

/** Runs one command in sh; its stdout whatever its exit code (curl says 18 for a reset mid-stream). */
function sh(command: string): Promise<string> {
  return new Promise((resolve) => {
    execFile('sh', ['-c', command], { timeout: 20_000 }, (_error, stdout) => resolve(stdout))
  })
}

describe("the README's curls", () => {
  it('all work, as written, against the start command the README gives them', {
    timeout: 60_000,
  }, async () => {
    expect(START).toBe('--key sk-local')
    expect(COMMANDS).toHaveLength(7)
    const emulator = startEmulatorProcess([...START.split(' '), '--port', '0', '--quiet'])
    const statuses: string[] = []
    try {
      const [, url = ''] = await emulator.waitFor(/listening on (http:\/\/127\.0\.0\.1:\d+)\n/u)
      for (const command of COMMANDS) {
        const local = command.replaceAll('http://127.0.0.1:4141', url)
        // The loop prints its own codes; a single curl is asked for its status.
        const status = local.startsWith('for ') ? local : `${local} -s -o /dev/null -w '%{http_code}\\n'`
        statuses.push((await sh(status)).trim())
      }
    } finally {
      emulator.child.kill('SIGTERM')
    }
    await emulator.exited
    // Streamed, a tool call, /info, pass-through, the 429 asked for, the reset mid-stream, 500 500 200.
    expect(statuses).toEqual(['200', '200', '200', '200', '429', '200', '500\n500\n200'])
  })
})
