import { parseArgs } from 'node:util'
import { type FaultSpec, parseFault } from '../faults/spec.js'

/** A command line the emulator cannot start with; `usage` when the usage helps to fix it. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly usage: boolean,
  ) {
    super(message)
  }
}

/** What the command line asks for. */
export interface CommandLine {
  help: boolean
  version: boolean
  port: number
  host: string
  tokenDelayMs: number
  latencyMs: number
  fault: FaultSpec | undefined
  keys: string[] | undefined
  looseRequests: boolean
  quiet: boolean
}

const OPTIONS = {
  port: { type: 'string' },
  host: { type: 'string', default: '127.0.0.1' },
  'token-delay-ms': { type: 'string', default: '20' },
  'latency-ms': { type: 'string', default: '0' },
  fault: { type: 'string' },
  key: { type: 'string', multiple: true },
  'loose-requests': { type: 'boolean', default: false },
  quiet: { type: 'boolean', default: false },
  version: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const

/**
 * Reads the command line (and `PORT`); throws a {@link UsageError} whose message is the one line to print.
 * A negative number after a flag (`--latency-ms -5`) is read as that flag's value, so that it gets the
 * flag's own message, as `--latency-ms=-5` does, and not Node's "argument is ambiguous".
 */
export function parseCommandLine(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): CommandLine {
  let values: ReturnType<typeof parseOptions>['values']
  try {
    values = parseOptions(joinNegativeValues(argv)).values
  } catch (error) {
    // Node's first sentence names the option ("Unknown option '--bogus'"); the rest is hints about dashes.
    const [sentence = 'bad arguments'] = (error as Error).message.split(/\.(?:\s|$)/u)
    throw new UsageError(sentence, true)
  }
  const portText = values.port ?? env.PORT ?? '4141'
  const port = /^\d+$/u.test(portText) ? Number(portText) : Number.NaN
  if (!(port <= 65_535)) {
    const from = values.port === undefined ? 'PORT' : '--port'
    throw new UsageError(`${from} takes a port from 0 to 65535 (0: any free port)`, true)
  }
  if (values.host.trim() === '') throw new UsageError('--host takes a host name or an IP address', true)
  // Never quoted: a key given on the command line is a credential.
  if (values.key?.some((key) => key.trim() === '')) {
    throw new UsageError('--key takes a non-empty key (leave --key out to accept any non-empty key)', true)
  }
  return {
    help: values.help,
    version: values.version,
    port,
    host: values.host,
    tokenDelayMs: milliseconds('--token-delay-ms', values['token-delay-ms']),
    latencyMs: milliseconds('--latency-ms', values['latency-ms']),
    fault: values.fault === undefined ? undefined : faultOf(values.fault),
    keys: values.key,
    looseRequests: values['loose-requests'],
    quiet: values.quiet,
  }
}

function parseOptions(argv: string[]) {
  return parseArgs({ args: argv, strict: true, options: OPTIONS })
}

/** `--flag -5` as `--flag=-5`, for the flags that take a value; anything else as it is. */
function joinNegativeValues(argv: readonly string[]): string[] {
  const joined: string[] = []
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index] ?? ''
    const next = argv[index + 1]
    const name = arg.startsWith('--') ? arg.slice(2) : undefined
    const takesValue =
      name !== undefined &&
      Object.hasOwn(OPTIONS, name) &&
      OPTIONS[name as keyof typeof OPTIONS].type === 'string'
    if (takesValue && next !== undefined && /^-\d|^-\.\d/u.test(next)) {
      joined.push(`${arg}=${next}`)
      index++
    } else {
      joined.push(arg)
    }
  }
  return joined
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
