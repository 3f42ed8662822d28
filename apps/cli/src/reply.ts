import type { ChatResult, ChatStream } from '@chatwire/core'
import { outcomeLine } from './outcome-line.js'
import { startSpinner } from './spinner.js'

/** A stream to write to: `process.stdout`, `process.stderr`. */
export interface Output {
  write(text: string): unknown
  isTTY?: boolean | undefined
}

/** Where one reply goes. */
export interface ReplyOutput {
  /** The answer's text (nothing with `json`: the caller prints the completion). */
  stdout: Output
  /** The spinner, reasoning, and the outcome line. */
  stderr: Output
  json: boolean
}

/**
 * Prints a streamed reply as it arrives: a spinner on a terminal until the first token, the text on stdout,
 * reasoning on stderr (dimmed on a terminal, unless NO_COLOR), then a line with the outcome and usage. Resolves with the result however the
 * stream ended (`stream.abort()` from a Ctrl-C included).
 */
export async function printReply(
  stream: ChatStream,
  { stdout, stderr, json }: ReplyOutput,
): Promise<ChatResult> {
  const spinner = stderr.isTTY === true ? startSpinner(stderr) : undefined
  // https://no-color.org: a NO_COLOR that is set and not empty turns colours off.
  const dim = stderr.isTTY === true && !process.env.NO_COLOR
  let last = '\n'
  let reasoning = false
  const write = (text: string) => {
    if (json || text === '') return
    stdout.write(text)
    last = text
  }
  try {
    for await (const event of stream) {
      spinner?.stop()
      if (event.choiceIndex !== 0) continue
      if (event.type === 'reasoning.delta' && !json) {
        stderr.write(dim ? `\x1b[2m${event.delta}\x1b[22m` : event.delta)
        reasoning = true
      } else if (event.type === 'content.delta' || event.type === 'refusal.delta') {
        if (reasoning) stderr.write('\n')
        reasoning = false
        write(event.delta)
      }
    }
  } catch {
    // The error is the outcome's, read below.
  } finally {
    spinner?.stop()
  }
  const result = await stream.final()
  if (!last.endsWith('\n')) stdout.write('\n')
  stderr.write(`${outcomeLine(result)}\n`)
  return result
}
