// No imports: the Ctrl-C listener reads this before anything else of the CLI loads.

/** The process's exit codes, for scripts (documented in the README). */
export const EXIT = {
  /** The service answered. */
  ok: 0,
  /** The request failed, or the stream broke off before the service finished. */
  failed: 1,
  /** An unknown flag or a bad value. */
  usage: 2,
  /** The environment configures a service only partly, or wrongly. */
  config: 3,
  /** The service cut the answer short: its token limit, or its content filter. */
  cut: 4,
  /** Stopped by Ctrl-C (128 + SIGINT). */
  interrupted: 130,
} as const
