import { startEmulator } from '@chatwire/emulator'
import type { TestProject } from 'vitest/node'

declare module 'vitest' {
  export interface ProvidedContext {
    /** The URL of the emulator the global setup started, in Node. */
    emulatorUrl: string
  }
}

/** Starts the emulator in Node for the whole run; the edge tests reach it over loopback. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const emulator = await startEmulator({ port: 0, tokenDelayMs: 0 })
  project.provide('emulatorUrl', emulator.url)
  return () => emulator.close()
}
