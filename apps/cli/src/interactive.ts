import { createInterface } from 'node:readline'
import { AbortError } from '@chatwire/core'
import type { ChatSession } from './chat-session.js'
import { EXIT } from './exit-codes.js'
import { type Output, printReply } from './reply.js'

/** The terminal of an interactive chat. */
export interface Terminal {
  stdin: NodeJS.ReadableStream
  stdout: Output & NodeJS.WritableStream
  stderr: Output
  json: boolean
}

/**
 * Runs a chat at a prompt until Ctrl-D, or Ctrl-C twice in a row: one Ctrl-C stops the reply being streamed
 * (its text so far stays in the history) or clears the line. Up and down recall earlier questions.
 * Resolves with the exit code.
 */
export function runInteractive(session: ChatSession, label: string, terminal: Terminal): Promise<number> {
  const { stdin, stdout, stderr, json } = terminal
  const rl = createInterface({ input: stdin, output: stdout, terminal: true, historySize: 500, prompt: '› ' })
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
        const result = await printReply(stream, { stdout, stderr, json })
        replying = undefined
        session.settle(result)
        if (json) stdout.write(`${JSON.stringify(result.completion, null, 2)}\n`)
        if (result.outcome.type === 'error' && result.outcome.error instanceof AbortError) {
          stderr.write('(press Ctrl-C again to leave)\n')
          armed = true
        }
        if (leaving) return
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
      stdout.write('\n(press Ctrl-C again to leave)\n')
      rl.write(null, { ctrl: true, name: 'u' })
      rl.prompt()
    })
    rl.on('close', () => {
      ended = true
      if (leaving) return
      // Ctrl-D: the reply under way, and the questions typed ahead, finish first.
      stdout.write('\n')
      void (running ?? Promise.resolve()).then(() => resolve(EXIT.ok))
    })
    rl.prompt()
  })
}
