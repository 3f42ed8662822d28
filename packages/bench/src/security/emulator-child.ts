import { type ChildProcess, fork } from 'node:child_process'
import { fileURLToPath } from 'node:url'

/** The emulator in a child process: its URL, and how to stop it. */
export interface EmulatorChild {
  url: string
  close(): Promise<void>
}

/** Forks `emulator-process.ts` with this process's loader flags and waits for its URL. */
export async function forkEmulator(tokenDelayMs: number): Promise<EmulatorChild> {
  const file = fileURLToPath(new URL('./emulator-process.ts', import.meta.url))
  const child: ChildProcess = fork(file, [String(tokenDelayMs)], { execArgv: process.execArgv })
  const url = await new Promise<string>((resolve) =>
    child.once('message', (message) => resolve((message as { url: string }).url)),
  )
  return {
    url,
    close: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve())
        child.send('close')
      }),
  }
}
