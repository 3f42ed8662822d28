import { mkdtemp, readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { startCliOnTerminal } from './testing/cli-process.js'

const CTRL_C = '\x03'
const CTRL_D = '\x04'

/** A path for the CLI's stdout, in a fresh folder. */
async function outFile(): Promise<string> {
  return join(await mkdtemp(join(tmpdir(), 'chatwire-cli-')), 'out.json')
}

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

describe('the interactive chat keeps stdout for the answers', () => {
  it('with --json redirected, the file holds only the completion: the prompt and echo go to the terminal', async () => {
    const file = await outFile()
    const cli = startCliOnTerminal(['--json'], { stdoutTo: file })
    await cli.waitFor('› ')
    cli.child.stdin?.write('Hello there\r')
    await cli.waitFor('[stop · 8 prompt + 5 completion tokens]')
    cli.child.stdin?.write(CTRL_D)
    expect((await cli.exited).code).toBe(0)
    const completion = JSON.parse(await readFile(file, 'utf8'))
    expect(completion.choices[0].message.content).toBe('You said: Hello there')
  })

  it('with --json, a request that failed prints no completion, as in one-shot mode', async () => {
    const file = await outFile()
    const cli = startCliOnTerminal(['--json', '--fault', 'unauthorized'], { stdoutTo: file })
    await cli.waitFor('› ')
    cli.child.stdin?.write('Hello there\r')
    await cli.waitFor('error (AuthenticationError)')
    cli.child.stdin?.write(CTRL_D)
    expect((await cli.exited).code).toBe(0)
    expect(await readFile(file, 'utf8')).toBe('')
  })
})

describe('what is typed while a reply streams waits for its end', () => {
  it('a question typed ahead is not echoed into the answer; it is shown and asked after it', async () => {
    const cli = startCliOnTerminal([])
    await cli.waitFor('› ')
    cli.child.stdin?.write('count to 300\r')
    await cli.waitFor('1, 2, 3, 4')
    cli.child.stdin?.write('Hello there\r')
    await cli.waitFor('You said: Hello there')
    const output = cli.output()
    const answer = output.slice(output.indexOf('1, 2, 3'), output.indexOf('[stop'))
    expect(answer).toMatch(/^1, 2, 3, 4(, \d+)*, 300\.\r?\n$/)
    expect(output.slice(output.indexOf('[stop'))).toMatch(/› Hello there\r?\n[^›]*You said: Hello there/)
    cli.child.stdin?.write(CTRL_D)
    expect((await cli.exited).code).toBe(0)
  })

  it('Ctrl-D mid-reply lets the reply finish, then leaves: its line break comes after the answer', async () => {
    const cli = startCliOnTerminal([])
    await cli.waitFor('› ')
    cli.child.stdin?.write('count to 300\r')
    await cli.waitFor('1, 2, 3, 4')
    cli.child.stdin?.write(CTRL_D)
    const run = await cli.exited
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/1, 2, 3, 4(, \d+)*, 300\.\r?\n\[stop · \d+ prompt/)
  })
})

describe('reasoning on a terminal', () => {
  it.each([
    [{}, true],
    [{ NO_COLOR: '1' }, false],
  ])('is dimmed unless NO_COLOR is set (%j)', async (env, dimmed) => {
    const cli = startCliOnTerminal(['-d', 'inference', '-m', 'DeepSeek-R1', 'Hello there'], { env })
    const run = await cli.exited
    expect(run.code).toBe(0)
    expect(run.stdout.includes('\x1b[2m')).toBe(dimmed)
    expect(run.stdout.replaceAll('\x1b[2m', '').replaceAll('\x1b[22m', '')).toContain('No tool is needed')
  })
})
