// Its own entry (`@chatwire/testkit/watched-process`): the apps' tests run their bins as processes, and need
// none of the index's fixtures.
import type { ChildProcess } from 'node:child_process'

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
