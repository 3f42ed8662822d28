import { addAbortSignal } from 'node:stream'
import type { ChatStream } from '@chatwire/core'
import { type CliArgs, HELP, parseCliArgs, UsageError } from './args.js'
import { createChatSession } from './chat-session.js'
import type { CtrlC } from './ctrl-c.js'
import { EXIT } from './exit-codes.js'
import { runInteractive } from './interactive.js'
import { exitCodeOf } from './outcome-exit-code.js'
import { printReply } from './reply.js'
import { ConfigError, openService, type Service } from './service.js'

// A reader that stops reading (`| head`) ends the reply and the process, quietly: it has what it wanted.
for (const output of [process.stdout, process.stderr]) {
  output.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error
    process.exit(EXIT.ok)
  })
}

/** Runs the CLI on `argv` (the process's arguments); resolves with the exit code. */
export async function run(argv: string[], ctrlC: CtrlC): Promise<number> {
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
  const question =
    args.question ?? (process.stdin.isTTY ? undefined : await readAll(process.stdin, ctrlC.signal))
  if (ctrlC.signal.aborted) {
    // Stopped before anything was asked: said as a reply stopped later would be.
    process.stderr.write('[stopped]\n')
    return EXIT.interrupted
  }
  if (question === undefined) ctrlC.release()
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
    return await askOnce(session.ask(question.trim()), { json: args.json, stop: ctrlC.signal })
  } finally {
    await service.close()
  }
}

/** One question: `stop` (Ctrl-C, even one that came before the reply began) stops the reply, exit 130. */
async function askOnce(
  stream: ChatStream,
  { json, stop }: { json: boolean; stop: AbortSignal },
): Promise<number> {
  if (stop.aborted) stream.abort()
  else stop.addEventListener('abort', () => stream.abort(), { once: true })
  const result = await printReply(stream, { stdout: process.stdout, stderr: process.stderr, json })
  if (json && result.completion.choices.length > 0) {
    process.stdout.write(`${JSON.stringify(result.completion, null, 2)}\n`)
  }
  return exitCodeOf(result.outcome)
}

/** What `stream` holds to its end, or up to `signal`'s abort. */
async function readAll(stream: NodeJS.ReadStream, signal: AbortSignal): Promise<string> {
  let text = ''
  stream.setEncoding('utf8')
  try {
    for await (const chunk of addAbortSignal(signal, stream)) text += chunk
  } catch (error) {
    if (!signal.aborted) throw error
  }
  return text
}
