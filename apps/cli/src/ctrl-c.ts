import { EXIT } from './exit-codes.js'

/** Ctrl-C (SIGINT) as the CLI takes it, from its first line on. */
export interface CtrlC {
  /** Aborted at the first Ctrl-C, whenever it came: while the CLI loads, reads stdin, or streams the reply. */
  readonly signal: AbortSignal
  /** Stops listening: the interactive chat reads Ctrl-C from its terminal itself. */
  release(): void
}

/**
 * Listens for SIGINT: the first aborts {@link CtrlC.signal}. A terminal's Ctrl-C reaches both pnpm and the CLI,
 * and pnpm passes its copy on: a repeat within a second is that copy, the same stop; a later one leaves at once
 * (exit 130).
 */
export function listenForCtrlC(): CtrlC {
  const controller = new AbortController()
  let stoppedAt: number | undefined
  const listener = () => {
    if (stoppedAt === undefined) {
      stoppedAt = Date.now()
      controller.abort()
    } else if (Date.now() - stoppedAt > 1000) {
      process.exit(EXIT.interrupted)
    }
  }
  process.on('SIGINT', listener)
  return { signal: controller.signal, release: () => process.off('SIGINT', listener) }
}
