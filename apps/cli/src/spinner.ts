/** Where the spinner draws: a terminal's stream. */
export interface SpinnerTarget {
  write(text: string): unknown
}

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏']

/** A spinner shown until `stop()`; it erases itself, so nothing of it is left in the output. */
export interface Spinner {
  stop(): void
}

/** Starts a spinner on `target` (a TTY: the caller checks), redrawn every 80 ms. */
export function startSpinner(target: SpinnerTarget): Spinner {
  let frame = 0
  const draw = () => target.write(`\r${FRAMES[frame++ % FRAMES.length]} `)
  draw()
  const timer = setInterval(draw, 80)
  let stopped = false
  return {
    stop() {
      if (stopped) return
      stopped = true
      clearInterval(timer)
      target.write('\r\x1b[K')
    },
  }
}
