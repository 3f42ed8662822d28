import { type ChildProcess, spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const CLI_DIR = fileURLToPath(new URL('../..', import.meta.url))
const REPO_DIR = fileURLToPath(new URL('../../../..', import.meta.url))
const NODE_ARGS = ['--conditions=@chatwire/source', '--import', 'tsx', 'src/main.ts']

/** How a CLI process ended. */
export interface CliRun {
  code: number | null
  stdout: string
  stderr: string
}

/** What a CLI process starts with. */
export interface CliStart {
  /** Written to stdin, which is then closed; without it stdin is closed at once (like `< /dev/null`). */
  input?: string
  /** Added to a clean environment (PATH and HOME only), so that the runner's own keys never leak in. */
  env?: Record<string, string>
}

function cleanEnv(extra: Record<string, string> = {}): Record<string, string> {
  return { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...extra }
}

/** A running CLI whose output is collected as it comes. */
export interface CliProcess {
  child: ChildProcess
  /** Everything written so far (stdout, and stderr unless `stderr` is asked for). */
  output(stream?: 'stdout' | 'stderr'): string
  /** Resolves once `pattern` is in the output written after `from` (an index into it); rejects after 25 s. */
  waitFor(pattern: string | RegExp, from?: number): Promise<void>
  /** Resolves with the exit code and both outputs. */
  exited: Promise<CliRun>
}

function watch(child: ChildProcess): CliProcess {
  const out = { stdout: '', stderr: '' }
  const waiters = new Set<() => void>()
  const notify = () => {
    for (const waiter of waiters) waiter()
  }
  child.stdout?.setEncoding('utf8').on('data', (text: string) => {
    out.stdout += text
    notify()
  })
  child.stderr?.setEncoding('utf8').on('data', (text: string) => {
    out.stderr += text
    notify()
  })
  const exited = new Promise<CliRun>((resolve) => {
    child.on('close', (code) => {
      notify()
      resolve({ code, ...out })
    })
  })
  return {
    child,
    output: (stream) => (stream === undefined ? out.stdout + out.stderr : out[stream]),
    exited,
    waitFor(pattern, from = 0) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const text = out.stdout.slice(from)
          if (typeof pattern === 'string' ? text.includes(pattern) : pattern.test(text)) {
            waiters.delete(check)
            clearTimeout(timer)
            resolve()
          }
        }
        const timer = setTimeout(() => {
          waiters.delete(check)
          reject(new Error(`no ${String(pattern)} in the output: ${JSON.stringify(out.stdout.slice(from))}`))
        }, 25_000)
        waiters.add(check)
        check()
      })
    },
  }
}

/** Starts the CLI with its stdio on pipes (not a terminal). */
export function startCli(args: string[], { input, env }: CliStart = {}): CliProcess {
  const child = spawn(process.execPath, [...NODE_ARGS, ...args], { cwd: CLI_DIR, env: cleanEnv(env) })
  child.stdin.end(input)
  return watch(child)
}

/** Runs the CLI to its end with its stdio on pipes. */
export function runCli(args: string[], start: CliStart = {}): Promise<CliRun> {
  return startCli(args, start).exited
}

/**
 * Starts the CLI on a pseudo-terminal (util-linux `script`): stdin, stdout and stderr are one TTY, so
 * readline, raw mode and Ctrl-C (the byte 0x03) behave as for a person. Everything arrives on `stdout`.
 * Arguments are quoted for the shell with `'`: they must not hold one.
 */
export function startCliOnTerminal(
  args: string[],
  { env, stdoutTo }: Pick<CliStart, 'env'> & { stdoutTo?: string } = {},
): CliProcess {
  const quoted = [process.execPath, ...NODE_ARGS, ...args].map((part) => `'${part}'`).join(' ')
  // `stdoutTo`: stdout redirected to that file, stdin and stderr still the terminal (`pnpm chat > file`).
  const command = stdoutTo === undefined ? quoted : `${quoted} > '${stdoutTo}'`
  const child = spawn('script', ['-qfec', command, '/dev/null'], {
    cwd: CLI_DIR,
    env: cleanEnv({ TERM: 'xterm-256color', ...env }),
  })
  return watch(child)
}

/**
 * Runs `pnpm <script> <args>` from the repository's root, as a person types it, with stdio on pipes; `detached`
 * makes it the leader of a process group of its own, to signal the whole group as a terminal's Ctrl-C does.
 */
export function startRootScript(
  script: string,
  args: string[],
  { env, detached = false }: Pick<CliStart, 'env'> & { detached?: boolean } = {},
): CliProcess {
  const child = spawn('pnpm', [script, ...args], {
    cwd: REPO_DIR,
    env: cleanEnv(env),
    detached,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  return watch(child)
}
