/**
 * The arguments of a call while they stream, for display: the parsed value once they are whole JSON,
 * `undefined` before.
 */
// The tools helper's partial-JSON parser replaces this once it is in core; until then a call shows its input
// when its arguments are complete (the emulator and most services send them in few pieces).
export function partialInput(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}
