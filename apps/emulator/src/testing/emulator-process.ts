import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import {
  cleanEnv,
  type ProcessRun,
  startOnTerminal,
  type WatchedProcess,
  watchProcess,
} from '@chatwire/testkit/watched-process'

const EMULATOR_DIR = fileURLToPath(new URL('../..', import.meta.url))
const NODE_ARGS = ['--conditions=@chatwire/source', '--import', 'tsx', 'src/main.ts']

/** Starts `chatwire-emulator` (the bin's source, through tsx) with `args`, in a clean environment plus `env`. */
export function startEmulatorProcess(args: string[], env: Record<string, string> = {}): WatchedProcess {
  const child = spawn(process.execPath, [...NODE_ARGS, ...args], {
    cwd: EMULATOR_DIR,
    env: cleanEnv(env),
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  return watchProcess(child, { timeoutMs: 50_000 })
}

/** Runs the bin to its end. */
export function runEmulatorProcess(args: string[], env: Record<string, string> = {}): Promise<ProcessRun> {
  return startEmulatorProcess(args, env).exited
}

/** Starts the bin on a pseudo-terminal ({@link startOnTerminal}), as `npx @chatwire/emulator` in a terminal. */
export function startEmulatorOnTerminal(args: string[]): WatchedProcess {
  return startOnTerminal([process.execPath, ...NODE_ARGS, ...args], { cwd: EMULATOR_DIR })
}
