import { createInterface } from 'node:readline'
import { Writable } from 'node:stream'
import { AbortError } from '@chatwire/core'
import type { ChatSession } from './chat-session.js'
import { EXIT } from './exit-codes.js'
import { type Output, printReply } from './reply.js'

/** The terminal of an interactive chat. */
export interface Terminal {
  stdin: NodeJS.ReadableStream
  /** The answers, and with `json` the completions: nothing else, so that it can be redirected. */
  stdout: Output
  /** The prompt and what is typed at it, the spinner, reasoning and outcome lines. */
  stderr: Output & { columns?: number | undefined }
  json: boolean
}

/**
 * Runs a chat at a prompt until Ctrl-D, or Ctrl-C twice in a row: one Ctrl-C stops the reply being streamed
 * (its text so far stays in the history) or clears the line. Up and down recall earlier questions.
 * Resolves with the exit code.
 */
export function runInteractive(session: ChatSession, label: string, terminal: Terminal): Promise<number> {
  const { stdin, stdout, stderr, json } = terminal
  const echo = heldEcho(stderr)
  const rl = createInterface({ input: stdin, output: echo, terminal: true, historySize: 500, prompt: '› ' })
  stderr.write(`chatwire chat with ${label}. Ctrl-C stops a reply; Ctrl-C twice or Ctrl-D leaves.\n`)
  return new Promise((resolve) => {
    const queue: string[] = []
    let replying: { abort(): void } | undefined
    let running: Promise<void> | undefined
    let armed = false
    let leaving = false
    let ended = false
    const leave = (code: number) => {
      leaving = true
      replying?.abort()
      rl.close()
      resolve(code)
    }
    async function drain(): Promise<void> {
      for (let question = queue.shift(); question !== undefined; question = queue.shift()) {
        if (question.trim() === '') continue
        const stream = session.ask(question)
        replying = stream
        // What is typed while the reply streams is not echoed into it; the line waits in readline.
        echo.hold = true
        const result = await printReply(stream, { stdout, stderr, json })
        echo.hold = false
        replying = undefined
        session.settle(result)
        // As in one-shot mode: a request that failed before the reply has no completion to print.
        if (json && result.completion.choices.length > 0) {
          stdout.write(`${JSON.stringify(result.completion, null, 2)}\n`)
        }
        if (result.outcome.type === 'error' && result.outcome.error instanceof AbortError) {
          stderr.write('(press Ctrl-C again to leave)\n')
          armed = true
        }
        if (leaving) return
        // A question typed ahead (its echo held back) is shown as asked before its answer.
        if (queue[0] !== undefined && queue[0].trim() !== '') stderr.write(`› ${queue[0]}\n`)
      }
      running = undefined
      if (!ended) rl.prompt()
    }
    rl.on('line', (line) => {
      armed = false
      queue.push(line)
      running ??= drain()
    })
    rl.on('SIGINT', () => {
      if (replying !== undefined) {
        queue.length = 0
        replying.abort()
        return
      }
      if (armed) return leave(EXIT.ok)
      armed = true
      stderr.write('\n(press Ctrl-C again to leave)\n')
      rl.write(null, { ctrl: true, name: 'u' })
      rl.prompt()
    })
    rl.on('close', () => {
      ended = true
      if (leaving) return
      // Ctrl-D: the reply under way, and the questions typed ahead, finish first; the line break comes after.
      void (running ?? Promise.resolve()).then(() => {
        stderr.write('\n')
        resolve(EXIT.ok)
      })
    })
    rl.prompt()
  })
}

/** readline's output: `target`, except while `hold` is set, when what readline writes (its echo) is dropped. */
function heldEcho(target: Terminal['stderr']): Writable & { hold: boolean; columns: number | undefined } {
  const echo = Object.assign(
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        if (!echo.hold) target.write(chunk.toString())
        done()
      },
    }),
    { hold: false },
  )
  // readline wraps long lines at the terminal's width.
  return Object.defineProperty(echo, 'columns', { get: () => target.columns }) as typeof echo & {
    columns: number | undefined
  }
}
