import { readingStdin, signalPending, until } from '@chatwire/testkit/process-state'
import { describe, expect, it } from 'vitest'
import { runCli, startCli } from './testing/cli-process.js'

describe('pnpm chat "question" on the emulator', () => {
  it('streams the answer to stdout and the outcome with usage to stderr', async () => {
    const run = await runCli(['Hello there'])
    expect(run).toMatchObject({ code: 0, stdout: 'You said: Hello there\n' })
    expect(run.stderr).toContain('[stop · 8 prompt + 5 completion tokens]')
  })

  it('prints the final completion as JSON on stdout with --json, and nothing else there', async () => {
    const run = await runCli(['--json', 'Hello there'])
    expect(run.code).toBe(0)
    const completion = JSON.parse(run.stdout)
    expect(completion.choices[0].message.content).toBe('You said: Hello there')
    expect(completion.choices[0].finish_reason).toBe('stop')
    expect(completion.usage.total_tokens).toBe(13)
  })

  it('reads the question from piped stdin', async () => {
    const run = await runCli([], { input: 'Hello from a pipe\n' })
    expect(run).toMatchObject({ code: 0, stdout: 'You said: Hello from a pipe\n' })
  })

  it('refuses an empty question on stdin with exit code 2', async () => {
    const run = await runCli([], { input: '  \n' })
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('the question is empty')
  })

  it.each([
    ['azure', [] as string[]],
    ['azure', ['--deployment', 'gpt-4o']],
    ['inference', []],
  ])('speaks the %s dialect (%j)', async (dialect, extra) => {
    const run = await runCli(['--dialect', dialect, ...extra, '--json', 'Hello there'])
    expect(run.code).toBe(0)
    expect(JSON.parse(run.stdout).choices[0].message.content).toBe('You said: Hello there')
  })

  it('sends the system prompt and the temperature', async () => {
    const plain = JSON.parse((await runCli(['--json', 'Hello there'])).stdout)
    const run = await runCli(['--json', '-s', 'Answer in French.', '-t', '0.2', 'Hello there'])
    expect(run.code).toBe(0)
    // The system message costs its 4 tokens plus 3 for the message.
    expect(JSON.parse(run.stdout).usage.prompt_tokens).toBe(plain.usage.prompt_tokens + 7)
  })

  it('shows reasoning on stderr, apart from the answer on stdout', async () => {
    const run = await runCli(['-d', 'inference', '-m', 'DeepSeek-R1', 'Hello there'])
    expect(run.code).toBe(0)
    expect(run.stdout).toBe('You said: Hello there\n')
    expect(run.stderr).toContain('No tool is needed')
  })

  it('draws no spinner when stderr is not a terminal', async () => {
    const run = await runCli(['Hello there'])
    expect(run.stderr).not.toMatch(/[⠋⠙⠹]/)
  })

  it('stops the reply at Ctrl-C (SIGINT), keeps the partial text and exits 130', async () => {
    const cli = startCli(['count to 5000'])
    await cli.waitFor('1, 2, 3')
    cli.child.kill('SIGINT')
    const run = await cli.exited
    expect(run.code).toBe(130)
    expect(run.stdout).toMatch(/^1, 2, 3.*\n$/)
    expect(run.stdout).not.toContain('5000')
    expect(run.stderr).toContain('[stopped')
  })

  // Before the reply starts (here: the question still coming on stdin), a Ctrl-C killed the CLI as the signal
  // does: no [stopped], no exit code of its own. pnpm's copy of a terminal's Ctrl-C follows it.
  it("a Ctrl-C before the reply starts, and pnpm's copy of it: [stopped], exit 130", async () => {
    const cli = startCli([], { stdinOpen: true })
    const pid = cli.child.pid ?? 0
    await until(() => readingStdin(pid), 'the CLI reads its stdin')
    cli.child.kill('SIGINT')
    await until(() => !signalPending(pid, 'SIGINT'), 'the SIGINT is taken')
    cli.child.kill('SIGINT')
    const run = await cli.exited
    expect(run).toEqual({ code: 130, stdout: '', stderr: '[stopped]\n' })
  })
})

it('a reader that closes stdout early (| head) ends the reply and the process quietly: exit 0', async () => {
  const cli = startCli(['count to 3000'])
  await cli.waitFor('1, 2, 3')
  // What `head -c 20` does once it has its bytes: the CLI's next write meets a closed pipe (EPIPE).
  cli.child.stdout?.destroy()
  const run = await cli.exited
  expect(run.stderr).not.toMatch(/EPIPE|Error|\n\s+at /)
  expect(run.code).toBe(0)
})

describe('the exit code tells how the reply ended', () => {
  it.each([
    ['content_filter_completion', 4, '[content_filter: the service filtered the answer'],
    ['cut', 1, '[incomplete: the stream ended before the service finished'],
    ['server_error', 1, 'error (ServerError): '],
    ['unauthorized', 1, 'error (AuthenticationError): '],
  ])('%s: exit %i', async (fault, code, message) => {
    const run = await runCli(['--fault', fault, 'Hello there friend'])
    expect(run.stderr).toContain(message)
    expect(run.code).toBe(code)
  })
})

it.each(['openai', 'azure', 'inference'])('--max-tokens cuts the %s answer: exit 4', async (dialect) => {
  const run = await runCli(['-d', dialect, '--max-tokens', '3', 'count to 50'])
  expect(run.stdout).toBe('1, 2\n')
  expect(run.stderr).toContain('[length: the answer reached its token limit')
  expect(run.code).toBe(4)
})
