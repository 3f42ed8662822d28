import { type ChildProcess, spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const WEB_DIR = fileURLToPath(new URL('..', import.meta.url))

/** `pnpm demo` as a process: the URL it printed, what it printed, and the emulator's URL from its first line. */
export interface DemoProcess {
  child: ChildProcess
  url: string
  /** The line before the URL: who the demo talks to. */
  banner: string
  output(): string
  exited: Promise<number | null>
}

/**
 * Starts the demo as `pnpm demo` does (same command, in the app's folder) on a free port and resolves once it
 * printed its URL on a line of its own; the environment is cleaned of service keys, so the emulator answers.
 */
export function startDemo(env: Record<string, string> = {}): Promise<DemoProcess> {
  const child = spawn(
    process.execPath,
    ['--conditions=@chatwire/source', '--import', 'tsx', 'server/demo.ts'],
    {
      cwd: WEB_DIR,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', PORT: '0', ...env },
    },
  )
  let output = ''
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve))
  return new Promise((resolve, reject) => {
    const onData = (text: string) => {
      output += text
      const lines = output.split('\n')
      const index = lines.findIndex((line) => /^http:\/\/127\.0\.0\.1:\d+\/$/.test(line))
      if (index > 0) {
        resolve({
          child,
          url: lines[index] as string,
          banner: lines[index - 1] as string,
          output: () => output,
          exited,
        })
      }
    }
    child.stdout.setEncoding('utf8').on('data', onData)
    child.stderr.setEncoding('utf8').on('data', (text: string) => {
      output += text
    })
    void exited.then((code) =>
      reject(new Error(`the demo exited (${code}) before printing its URL:\n${output}`)),
    )
  })
}
