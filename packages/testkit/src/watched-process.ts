// Its own entry (`@chatwire/testkit/watched-process`): the apps' tests run their bins as processes, and need
// none of the index's fixtures.
import { type ChildProcess, spawn } from 'node:child_process'

/** How a process ended: its exit code (`null` when a signal ended it) and everything it wrote. */
export interface ProcessRun {
  code: number | null
  stdout: string
  stderr: string
}

/** A child process whose output is collected as it comes. */
export interface WatchedProcess {
  child: ChildProcess
  /** Everything written so far: stdout, and stderr after it unless one `stream` is asked for. */
  output(stream?: 'stdout' | 'stderr'): string
  /**
   * Resolves with the first match of `pattern` (a string matches as itself) in the stdout written after
   * `from` (an index into it); rejects when the process ends without one, or after the watch's timeout.
   */
  waitFor(pattern: string | RegExp, from?: number): Promise<readonly string[]>
  /** Resolves once the process has ended and every holder of its pipes has closed them. */
  exited: Promise<ProcessRun>
}

/** How long a watch waits for a pattern. */
export interface WatchOptions {
  /** A bound for safety only, never a measure: 25 s unless told. */
  timeoutMs?: number
}

/** Collects the output of `child` (its stdout and stderr on pipes) as it comes. */
export function watchProcess(child: ChildProcess, { timeoutMs = 25_000 }: WatchOptions = {}): WatchedProcess {
  const out = { stdout: '', stderr: '' }
  const waiters = new Set<() => void>()
  let ended = false
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
  const exited = new Promise<ProcessRun>((resolve) => {
    child.on('close', (code) => {
      ended = true
      resolve({ code, ...out })
      notify()
    })
  })
  return {
    child,
    output: (stream) => (stream === undefined ? out.stdout + out.stderr : out[stream]),
    exited,
    waitFor(pattern, from = 0) {
      return new Promise((resolve, reject) => {
        const done = (settle: () => void) => {
          waiters.delete(check)
          clearTimeout(timer)
          settle()
        }
        const check = () => {
          const text = out.stdout.slice(from)
          const match =
            typeof pattern === 'string' ? (text.includes(pattern) ? [pattern] : null) : text.match(pattern)
          if (match !== null) return done(() => resolve([...match]))
          if (ended) done(() => reject(new Error(`ended without ${String(pattern)}: ${JSON.stringify(out)}`)))
        }
        const timer = setTimeout(
          () => done(() => reject(new Error(`no ${String(pattern)} in the output: ${JSON.stringify(out)}`))),
          timeoutMs,
        )
        waiters.add(check)
        check()
      })
    },
  }
}

/**
 * An environment for a test's child process: PATH and HOME, plus `extra`, so that none of the runner's own
 * variables (a PORT, a service's key) leaks in.
 */
export function cleanEnv(extra: Record<string, string> = {}): Record<string, string> {
  return { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...extra }
}

/** Where and how {@link startOnTerminal} runs its command. */
export interface TerminalStart {
  cwd: string
  /** Added to {@link cleanEnv}'s, with `TERM=xterm-256color`. */
  env?: Record<string, string>
  /** A file for the command's stdout, stdin and stderr still the terminal (`pnpm chat > file`). */
  stdoutTo?: string
}

/**
 * Runs `argv` on a pseudo-terminal (util-linux `script`): stdin, stdout and stderr are one TTY, so that
 * readline, raw mode, Ctrl-C (the byte 0x03) and Ctrl-S behave as for a person. Everything it writes arrives
 * on `stdout`; `child.stdin` is what is typed. The parts are quoted for the shell with `'`: none may hold one.
 */
export function startOnTerminal(argv: string[], { cwd, env = {}, stdoutTo }: TerminalStart): WatchedProcess {
  const quoted = argv.map((part) => `'${part}'`).join(' ')
  const command = stdoutTo === undefined ? quoted : `${quoted} > '${stdoutTo}'`
  const child = spawn('script', ['-qfec', command, '/dev/null'], {
    cwd,
    env: cleanEnv({ TERM: 'xterm-256color', ...env }),
  })
  return watchProcess(child)
}
