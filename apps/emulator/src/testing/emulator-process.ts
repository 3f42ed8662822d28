import { type ChildProcess, spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const EMULATOR_DIR = fileURLToPath(new URL('../..', import.meta.url))
const NODE_ARGS = ['--conditions=@chatwire/source', '--import', 'tsx', 'src/main.ts']

/** How an emulator process ended. */
export interface ProcessRun {
  code: number | null
  stdout: string
  stderr: string
}

/** A running `chatwire-emulator` (the bin's source, through tsx), its output collected as it comes. */
export interface EmulatorProcess {
  child: ChildProcess
  /** Resolves with the first match of `pattern` in stdout; rejects when the process ends without one. */
  waitFor(pattern: RegExp): Promise<RegExpMatchArray>
  exited: Promise<ProcessRun>
}

/** Starts the bin with `args`, in a clean environment (PATH and HOME, plus `env`) so that no PORT leaks in. */
export function startEmulatorProcess(args: string[], env: Record<string, string> = {}): EmulatorProcess {
  const child = spawn(process.execPath, [...NODE_ARGS, ...args], {
    cwd: EMULATOR_DIR,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const out = { stdout: '', stderr: '' }
  const listeners = new Set<() => void>()
  child.stdout?.setEncoding('utf8').on('data', (text: string) => {
    out.stdout += text
    for (const listener of listeners) listener()
  })
  child.stderr?.setEncoding('utf8').on('data', (text: string) => {
    out.stderr += text
  })
  const exited = new Promise<ProcessRun>((resolve) => {
    child.on('close', (code) => resolve({ code, ...out }))
  })
  return {
    child,
    exited,
    waitFor(pattern) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const match = out.stdout.match(pattern)
          if (match === null) return
          listeners.delete(check)
          resolve(match)
        }
        listeners.add(check)
        check()
        void exited.then(({ code, stderr }) => {
          listeners.delete(check)
          reject(new Error(`exited (${code}) without ${String(pattern)}: ${stderr}`))
        })
      })
    },
  }
}

/** Runs the bin to its end. */
export function runEmulatorProcess(args: string[], env: Record<string, string> = {}): Promise<ProcessRun> {
  return startEmulatorProcess(args, env).exited
}
