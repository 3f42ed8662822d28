#!/usr/bin/env node
import { parseArgs } from 'node:util'
import { FAULTS } from './faults/catalog.js'
import { type FaultSpec, parseFault } from './faults/spec.js'
import { ROUTES } from './routes.js'
import { type Emulator, startEmulator } from './server.js'

const HELP = `chatwire emulator: a local chat-completions server (OpenAI, Azure OpenAI, Azure AI Model Inference)

Usage: npx @chatwire/emulator [--port 4141] [--host 127.0.0.1] [--token-delay-ms 20] [--latency-ms 0]
                             [--fault NAME[;key=value…]] [--key KEY]… [--quiet]
       (pnpm emulator in the chatwire repository)
Environment: PORT sets the port when --port is not given.
Exit codes: 0 stopped by Ctrl-C or SIGTERM, 1 could not listen (a busy port), 2 bad usage.`

/** A command line the emulator cannot start with; `usage` when the usage helps to fix it. */
class UsageError extends Error {
  constructor(
    message: string,
    readonly usage: boolean,
  ) {
    super(message)
  }
}

interface CommandLine {
  help: boolean
  port: number
  host: string
  tokenDelayMs: number
  latencyMs: number
  fault: FaultSpec | undefined
  keys: string[] | undefined
  quiet: boolean
}

const command = readCommandLine(process.argv.slice(2))
if (command.help) {
  console.log(HELP)
  process.exit(0)
}
const emulator = await listen(command)

// Listening before the banner: whoever reads it may signal at once. A Ctrl-C reaches both pnpm and this
// process, and pnpm forwards its copy: a repeat within a second of the closing's start is that copy; a later
// one forces the exit. The second starts after the line, which a terminal holding its output (Ctrl-S) delays.
let stoppingAt: number | undefined
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stoppingAt !== undefined) {
      if (Date.now() - stoppingAt > 1000) process.exit(1)
      return
    }
    console.log(`\n${signal}: closing…`)
    stoppingAt = Date.now()
    void emulator.close().then(() => process.exit(0))
  })
}

console.log(`chatwire emulator listening on ${emulator.url}\n`)
console.log('Routes:')
for (const route of ROUTES) console.log(`  ${route}`)
console.log(`\nFaults (header "x-emulator-fault: NAME;key=value" or "[[fault:NAME]]" in a message):`)
console.log(`  ${Object.keys(FAULTS).join(', ')}`)
// Without --key any key is taken; with keys, the first one given, so that the line works as printed.
console.log(
  `\nTry: curl ${emulator.url}/v1/chat/completions -H 'authorization: Bearer ${command.keys?.[0] ?? 'sk-test'}' \\`,
)
console.log(
  `       -H 'content-type: application/json' -d '{"model":"gpt-4o-mini","messages":[{"role":"user","content":"Hello there"}]}'`,
)

/** The command line, or (on a bad one) one line on stderr, the usage when it helps, and exit code 2. */
function readCommandLine(argv: string[]): CommandLine {
  try {
    return parseCommandLine(argv)
  } catch (error) {
    if (!(error instanceof UsageError)) throw error
    process.stderr.write(`chatwire-emulator: ${error.message}\n${error.usage ? `\n${HELP}\n` : ''}`)
    process.exit(2)
  }
}

function parseCommandLine(argv: string[]): CommandLine {
  let values: ReturnType<typeof parseOptions>['values']
  try {
    values = parseOptions(argv).values
  } catch (error) {
    // Node's first sentence names the option ("Unknown option '--bogus'"); the rest is hints about dashes.
    const [sentence = 'bad arguments'] = (error as Error).message.split(/\.(?:\s|$)/u)
    throw new UsageError(sentence, true)
  }
  const portText = values.port ?? process.env.PORT ?? '4141'
  const port = /^\d+$/u.test(portText) ? Number(portText) : Number.NaN
  if (!(port <= 65_535)) {
    const from = values.port === undefined ? 'PORT' : '--port'
    throw new UsageError(`${from} takes a port from 0 to 65535 (0: any free port)`, true)
  }
  return {
    help: values.help,
    port,
    host: values.host,
    tokenDelayMs: milliseconds('--token-delay-ms', values['token-delay-ms']),
    latencyMs: milliseconds('--latency-ms', values['latency-ms']),
    fault: values.fault === undefined ? undefined : faultOf(values.fault),
    keys: values.key,
    quiet: values.quiet,
  }
}

function parseOptions(argv: string[]) {
  return parseArgs({
    args: argv,
    strict: true,
    options: {
      port: { type: 'string' },
      host: { type: 'string', default: '127.0.0.1' },
      'token-delay-ms': { type: 'string', default: '20' },
      'latency-ms': { type: 'string', default: '0' },
      fault: { type: 'string' },
      key: { type: 'string', multiple: true },
      quiet: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  })
}

function milliseconds(flag: string, text: string): number {
  const value = text.trim() === '' ? Number.NaN : Number(text)
  if (!(value >= 0 && Number.isFinite(value))) throw new UsageError(`${flag} takes milliseconds, ≥ 0`, true)
  return value
}

/** The `--fault`, checked now: a misspelled name or value would otherwise fail every request with a 400. */
function faultOf(text: string): FaultSpec {
  try {
    return parseFault(text)
  } catch (error) {
    throw new UsageError(`--fault: ${(error as Error).message}`, false)
  }
}

/** The running emulator, or (when it cannot listen) one line on stderr and exit code 1. */
async function listen(options: CommandLine): Promise<Emulator> {
  const { port, host } = options
  try {
    return await startEmulator({
      port,
      host,
      tokenDelayMs: options.tokenDelayMs,
      latencyMs: options.latencyMs,
      ...(options.fault === undefined ? {} : { faults: options.fault }),
      ...(options.keys === undefined ? {} : { keys: options.keys }),
      ...(options.quiet ? {} : { log: (line: string) => console.log(line) }),
    })
  } catch (error) {
    const reason = listenFailure((error as NodeJS.ErrnoException).code, port, host)
    if (reason === undefined) throw error
    process.stderr.write(`chatwire-emulator: ${reason}\n`)
    process.exit(1)
  }
}

function listenFailure(code: string | undefined, port: number, host: string): string | undefined {
  switch (code) {
    case 'EADDRINUSE':
      return `port ${port} is in use on ${host}: pass another --port, or --port 0 for any free port`
    case 'EACCES':
      return `port ${port} needs privileges on ${host}: pass a port above 1023, or --port 0 for any free port`
    case 'EADDRNOTAVAIL':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `cannot listen on --host ${host}: no such address on this machine`
    default:
      return undefined
  }
}
