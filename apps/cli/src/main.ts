import type { ChatStream } from '@chatwire/core'
import { type CliArgs, HELP, parseCliArgs, UsageError } from './args.js'
import { createChatSession } from './chat-session.js'
import { EXIT, exitCodeOf } from './exit-codes.js'
import { runInteractive } from './interactive.js'
import { printReply } from './reply.js'
import { ConfigError, openService, type Service } from './service.js'

// A reader that stops reading (`| head`) ends the reply and the process, quietly: it has what it wanted.
for (const output of [process.stdout, process.stderr]) {
  output.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error
    process.exit(EXIT.ok)
  })
}

const code = await main(process.argv.slice(2))
process.exit(code)

async function main(argv: string[]): Promise<number> {
  let args: CliArgs
  try {
    args = parseCliArgs(argv)
  } catch (error) {
    if (!(error instanceof UsageError)) throw error
    process.stderr.write(`chatwire: ${error.message}\nRun with --help for the options.\n`)
    return EXIT.usage
  }
  if (args.help) {
    process.stdout.write(`${HELP}\n`)
    return EXIT.ok
  }
  const question = args.question ?? (process.stdin.isTTY ? undefined : await readAll(process.stdin))
  if (question !== undefined && question.trim() === '') {
    process.stderr.write('chatwire: the question is empty: give it as an argument or on stdin\n')
    return EXIT.usage
  }
  let service: Service
  try {
    service = await openService({
      env: process.env,
      dialect: args.dialect,
      model: args.model,
      emulator: args.emulator,
    })
    if (args.fault !== undefined && !service.emulator) {
      await service.close()
      throw new ConfigError(`--fault works on the emulator only, and this talks to ${service.label}`)
    }
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error
    process.stderr.write(
      `chatwire: ${error.message}\n${error.flag ? 'Run with --help for the options.\n' : ''}`,
    )
    return error.flag ? EXIT.usage : EXIT.config
  }
  try {
    const session = createChatSession(service, args)
    if (question === undefined) {
      return await runInteractive(session, service.label, { ...process, json: args.json })
    }
    return await askOnce(session.ask(question.trim()), args.json)
  } finally {
    await service.close()
  }
}

/** One question: Ctrl-C stops the reply (exit 130), a second one leaves at once. */
async function askOnce(stream: ChatStream, json: boolean): Promise<number> {
  let interrupted = false
  process.on('SIGINT', () => {
    if (interrupted) process.exit(EXIT.interrupted)
    interrupted = true
    stream.abort()
  })
  const result = await printReply(stream, { stdout: process.stdout, stderr: process.stderr, json })
  if (json && result.completion.choices.length > 0) {
    process.stdout.write(`${JSON.stringify(result.completion, null, 2)}\n`)
  }
  return exitCodeOf(result.outcome)
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  let text = ''
  stream.setEncoding('utf8')
  for await (const chunk of stream) text += chunk
  return text
}
