import { describe, expect, it } from 'vitest'
import { startCliOnTerminal } from './testing/cli-process.js'

const CTRL_C = '\x03'

describe('pnpm chat alone: an interactive chat on a terminal', () => {
  it('answers at the prompt, keeps the history, and leaves at Ctrl-C twice with exit 0', async () => {
    const cli = startCliOnTerminal([])
    await cli.waitFor('Ctrl-C twice or Ctrl-D leaves')
    await cli.waitFor('› ')
    cli.child.stdin?.write('Hello there\r')
    await cli.waitFor('[stop · 8 prompt + 5 completion tokens]')
    let mark = cli.output().length
    cli.child.stdin?.write('And again\r')
    // The history went with it: 21 prompt tokens for the first question, its answer and this one (alone: 8);
    // then the prompt again.
    await cli.waitFor(/You said: And again\r?\n\[stop · 21 prompt \+ 5 completion tokens\][\s\S]*› /, mark)
    mark = cli.output().length
    cli.child.stdin?.write(CTRL_C)
    await cli.waitFor('(press Ctrl-C again to leave)', mark)
    cli.child.stdin?.write(CTRL_C)
    const run = await cli.exited
    expect(run.code).toBe(0)
    // The spinner ran on the terminal until the first token, then erased itself.
    expect(run.stdout).toContain('\r⠋ ')
    expect(run.stdout).toContain('\r\x1b[K')
  })

  it('Ctrl-C stops the reply being streamed and the chat goes on; the partial answer stays in the history', async () => {
    const cli = startCliOnTerminal([])
    await cli.waitFor('› ')
    cli.child.stdin?.write('count to 5000\r')
    await cli.waitFor('1, 2, 3, 4')
    cli.child.stdin?.write(CTRL_C)
    await cli.waitFor('[stopped]')
    await cli.waitFor('(press Ctrl-C again to leave)')
    const stoppedAt = cli.output().length
    expect(cli.output()).not.toContain(', 5000')
    cli.child.stdin?.write('Hello there\r')
    await cli.waitFor('You said: Hello there', stoppedAt)
    await cli.waitFor(/\[stop · \d+ prompt/, stoppedAt)
    const prompt = Number(/\[stop · (\d+) prompt/.exec(cli.output().slice(stoppedAt))?.[1])
    // Far more than the 8 of a first question: the partial count is in the history.
    expect(prompt).toBeGreaterThan(20)
    cli.child.stdin?.write('\x04')
    expect((await cli.exited).code).toBe(0)
  })
})
