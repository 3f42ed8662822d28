#!/usr/bin/env node
import { readFileSync } from 'node:fs'
import { type CommandLine, parseCommandLine, UsageError } from './cli/command-line.js'
import { HELP, USAGE } from './cli/help.js'
import { FAULTS } from './faults/catalog.js'
import { ROUTES } from './routes.js'
import { type Emulator, startEmulator } from './server.js'

const command = readCommandLine(process.argv.slice(2))
if (command.help) {
  console.log(HELP)
  process.exit(0)
}
if (command.version) {
  // package.json sits beside src/ and dist/ alike.
  const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    version: string
  }
  console.log(`@chatwire/emulator ${version}`)
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

// With --quiet, this line still: with --port 0 it is the only way to learn the port.
console.log(`chatwire emulator listening on ${emulator.url}`)
if (!command.quiet) {
  console.log('\nRoutes:')
  for (const route of ROUTES) console.log(`  ${route}`)
  console.log(
    `\nFaults (header "x-emulator-fault: NAME;key=value" or "[[fault:NAME]]" in a message; --help tells each):`,
  )
  console.log(`  ${Object.keys(FAULTS).join(', ')}`)
  // Without --key any key is taken (the README's sk-local, then). A key given is a credential, never printed,
  // unless it is that sample key (`pnpm emulator` gives it), so that the line works as printed.
  const sample = command.keys === undefined || command.keys.every((given) => given === 'sk-local')
  const key = sample ? 'sk-local' : '<your --key>'
  console.log(`\nTry: curl ${emulator.url}/v1/chat/completions -H 'authorization: Bearer ${key}' \\`)
  console.log(
    `       -H 'content-type: application/json' -d '{"model":"gpt-4o-mini","messages":[{"role":"user","content":"Hello there"}]}'\n`,
  )
}

/** The command line, or (on a bad one) one line on stderr, the usage when it helps, and exit code 2. */
function readCommandLine(argv: string[]): CommandLine {
  try {
    return parseCommandLine(argv, process.env)
  } catch (error) {
    if (!(error instanceof UsageError)) throw error
    process.stderr.write(`chatwire-emulator: ${error.message}\n${error.usage ? `\n${USAGE}\n` : ''}`)
    process.exit(2)
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
      ...(options.looseRequests ? { strictRequests: false } : {}),
      log: options.quiet ? errorsOnly : (line: string) => console.log(line),
    })
  } catch (error) {
    const reason = listenFailure((error as NodeJS.ErrnoException).code, port, host)
    if (reason === undefined) throw error
    process.stderr.write(`chatwire-emulator: ${reason}\n`)
    process.exit(1)
  }
}

/** `--quiet` keeps, of the per-request lines, only the emulator's own failures (on stderr). */
function errorsOnly(line: string): void {
  if (line.startsWith('internal error:')) process.stderr.write(`${line}\n`)
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
