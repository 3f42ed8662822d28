import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import {
  cleanEnv,
  type ProcessRun,
  startOnTerminal,
  type WatchedProcess,
  watchProcess,
} from '@chatwire/testkit/watched-process'

const CLI_DIR = fileURLToPath(new URL('../..', import.meta.url))
const REPO_DIR = fileURLToPath(new URL('../../../..', import.meta.url))
const NODE_ARGS = ['--conditions=@chatwire/source', '--import', 'tsx', 'src/main.ts']

/** What a CLI process starts with. */
export interface CliStart {
  /** Written to stdin, which is then closed; without it stdin is closed at once (like `< /dev/null`). */
  input?: string
  /** Keeps stdin open, written to by no one (a writer that has not finished); `input` is then not written. */
  stdinOpen?: boolean
  /** Added to a clean environment (PATH and HOME only), so that the runner's own keys never leak in. */
  env?: Record<string, string>
}

/** Starts the CLI with its stdio on pipes (not a terminal). */
export function startCli(args: string[], { input, env, stdinOpen = false }: CliStart = {}): WatchedProcess {
  const child = spawn(process.execPath, [...NODE_ARGS, ...args], { cwd: CLI_DIR, env: cleanEnv(env) })
  if (!stdinOpen) child.stdin.end(input)
  return watchProcess(child)
}

/** Runs the CLI to its end with its stdio on pipes. */
export function runCli(args: string[], start: CliStart = {}): Promise<ProcessRun> {
  return startCli(args, start).exited
}

/**
 * Starts the CLI on a pseudo-terminal ({@link startOnTerminal}); `stdoutTo` redirects its stdout to that file,
 * stdin and stderr still the terminal (`pnpm chat > file`).
 */
export function startCliOnTerminal(
  args: string[],
  { env, stdoutTo }: Pick<CliStart, 'env'> & { stdoutTo?: string } = {},
): WatchedProcess {
  return startOnTerminal([process.execPath, ...NODE_ARGS, ...args], {
    cwd: CLI_DIR,
    ...(env === undefined ? {} : { env }),
    ...(stdoutTo === undefined ? {} : { stdoutTo }),
  })
}

/**
 * Runs `pnpm <script> <args>` from the repository's root on a pseudo-terminal ({@link startOnTerminal}): pnpm
 * is `script`'s child, and the app is pnpm's (its shell `exec`s it).
 */
export function startRootScriptOnTerminal(script: string, args: string[]): WatchedProcess {
  return startOnTerminal(['pnpm', script, ...args], { cwd: REPO_DIR })
}

/**
 * Runs `pnpm <script> <args>` from the repository's root, as a person types it, with stdio on pipes; `detached`
 * makes it the leader of a process group of its own, to signal the whole group as a terminal's Ctrl-C does.
 */
export function startRootScript(
  script: string,
  args: string[],
  { env, detached = false }: Pick<CliStart, 'env'> & { detached?: boolean } = {},
): WatchedProcess {
  const child = spawn('pnpm', [script, ...args], {
    cwd: REPO_DIR,
    env: cleanEnv(env),
    detached,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  return watchProcess(child)
}
