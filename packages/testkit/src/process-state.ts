import {
  closeSync,
  constants as fs,
  openSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  writeSync,
} from 'node:fs'
import { constants } from 'node:os'

// Its own entry (`@chatwire/testkit/process-state`). What Linux's /proc tells of a process, for tests that must
// know where a process is rather than guess at how long it takes: blocked writing to a terminal, stopped, or
// with a signal not yet taken.

/** Ctrl-S, typed at a terminal: it holds its output, and a process that writes to it meanwhile blocks. */
export const HOLD_OUTPUT = '\x13'
/** Ctrl-Q: the terminal lets its output go again. */
export const RELEASE_OUTPUT = '\x11'

// write(2) and writev(2), by architecture.
const WRITE_CALLS: Partial<Record<string, readonly number[]>> = { x64: [1, 20], arm64: [64, 66] }

/** The processes under `pid` (not itself), parents before their children. */
function descendants(pid: number): number[] {
  const children = new Map<number, number[]>()
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/u.test(entry)) continue
    let stat: string
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8')
    } catch {
      continue // It ended meanwhile.
    }
    // `pid (comm) state ppid …`: comm may hold spaces and parentheses, so read after the last ')'.
    const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
    children.set(parent, [...(children.get(parent) ?? []), Number(entry)])
  }
  const under = (of: number): number[] =>
    (children.get(of) ?? []).flatMap((child) => [child, ...under(child)])
  return under(pid)
}

/** Resolves with the first process under `pid` whose command line holds `part` (`src/main.ts`), once one runs. */
export async function processUnder(pid: number, part: string): Promise<number> {
  const find = () =>
    descendants(pid).find((child) => {
      try {
        return readFileSync(`/proc/${child}/cmdline`, 'utf8').split('\0').includes(part)
      } catch {
        return false // It ended meanwhile.
      }
    })
  let found = find()
  for (const started = Date.now(); found === undefined; found = find()) {
    if (Date.now() - started > 20_000) throw new Error(`no process under ${pid} runs ${part}`)
    await pause()
  }
  return found
}

/** Whether `pid`'s main thread is in a write to a terminal (blocked there while the terminal holds its output). */
export function writingToTerminal(pid: number): boolean {
  const calls = WRITE_CALLS[process.arch]
  if (calls === undefined) throw new Error(`no write(2) numbers known for ${process.arch}`)
  const [call = '', fd = ''] = readFileSync(`/proc/${pid}/syscall`, 'utf8').split(' ')
  if (!calls.includes(Number(call))) return false
  // Node writes to a terminal through a descriptor of its own (libuv reopens it), not through 1 or 2.
  return /^\/dev\/(?:pts\/|tty)/u.test(readlinkSync(`/proc/${pid}/fd/${Number(fd)}`))
}

/** Whether `pid` waits to read its stdin: Node's event loop watches descriptor 0 (an epoll set lists it). */
export function readingStdin(pid: number): boolean {
  return readdirSync(`/proc/${pid}/fd`).some((fd) => {
    try {
      return (
        readlinkSync(`/proc/${pid}/fd/${fd}`) === 'anon_inode:[eventpoll]' &&
        /^tfd:\s+0\s/mu.test(readFileSync(`/proc/${pid}/fdinfo/${fd}`, 'utf8'))
      )
    } catch {
      return false // Closed meanwhile.
    }
  })
}

/**
 * Whether the terminal on `pid`'s stdout holds its output (after Ctrl-S): a write that may not wait is refused
 * then. A terminal that takes it shows a carriage return, which moves nothing on a line just ended.
 */
export function terminalHeld(pid: number): boolean {
  const fd = openSync(`/proc/${pid}/fd/1`, fs.O_WRONLY | fs.O_NONBLOCK | fs.O_NOCTTY)
  try {
    writeSync(fd, '\r')
    return false
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EAGAIN') return true
    throw error
  } finally {
    closeSync(fd)
  }
}

/** Whether `pid` is stopped (by SIGSTOP). */
export function isStopped(pid: number): boolean {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  return stat.slice(stat.lastIndexOf(')') + 2).startsWith('T')
}

/** Whether `signal` was sent to `pid` and neither a handler nor its default action has taken it yet. */
export function signalPending(pid: number, signal: 'SIGINT' | 'SIGTERM'): boolean {
  const bit = 1n << BigInt(constants.signals[signal] - 1)
  let status: string
  try {
    status = readFileSync(`/proc/${pid}/status`, 'utf8')
  } catch {
    return false // It has ended (and been reaped): nothing is pending.
  }
  return [...status.matchAll(/^(?:SigPnd|ShdPnd):\s*([0-9a-f]+)$/gmu)].some(
    ([, mask = '0']) => (BigInt(`0x${mask}`) & bit) !== 0n,
  )
}

/**
 * For a test that stops or holds processes: kills (SIGKILL) those `pids()` names when the test fails before
 * `watched` ended, so that none of them outlives it, stopped or blocked. Give it the runner's `onTestFailed`.
 */
export function killOnFailure(
  onTestFailed: (run: () => void) => void,
  watched: { exited: Promise<unknown> },
  pids: () => readonly (number | undefined)[],
): void {
  let ended = false
  void watched.exited.then(() => {
    ended = true
  })
  onTestFailed(() => {
    if (ended) return
    for (const pid of pids()) {
      try {
        if (pid !== undefined) process.kill(pid, 'SIGKILL')
      } catch {
        // It had ended.
      }
    }
  })
}

/** Resolves once `holds()` (polled every 10 ms); rejects after 20 s, a bound for safety only. */
export async function until(holds: () => boolean, what: string): Promise<void> {
  for (const started = Date.now(); !holds(); ) {
    if (Date.now() - started > 20_000) throw new Error(`never: ${what}`)
    await pause()
  }
}

function pause(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 10))
}
