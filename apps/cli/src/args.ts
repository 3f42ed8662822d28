import { parseArgs } from 'node:util'
import { parseFault } from '@chatwire/emulator'
import { DIALECTS, type Dialect } from './service.js'

/** What the command line asked for. */
export interface CliArgs {
  /** The question from the arguments, joined by spaces; `undefined` when none was given. */
  question: string | undefined
  dialect: Dialect | undefined
  model: string | undefined
  temperature: number | undefined
  system: string | undefined
  maxTokens: number | undefined
  json: boolean
  emulator: boolean
  /** An `x-emulator-fault` value for every request (the emulator only). */
  fault: string | undefined
  help: boolean
}

/** A command line that cannot be run: an unknown flag, a bad value. */
export class UsageError extends Error {
  override name = 'UsageError'
}

/** The `--help` text. */
export const HELP = `chatwire chat: ask a chat-completions service, on the emulator unless the environment names one

Usage:
  pnpm chat "question"          stream one answer, then exit
  echo "question" | pnpm chat   the question from stdin
  pnpm chat                     an interactive chat (Ctrl-C stops a reply, Ctrl-C twice exits)

Options:
  -d, --dialect <name>     openai | azure | inference (default: the service the environment sets, else openai)
  -m, --model <name>       the model, or the Azure OpenAI deployment (--deployment is the same)
  -t, --temperature <n>    0 to 2
  -s, --system <text>      a system prompt
      --max-tokens <n>     the most tokens the answer may take
      --json               print the final completion as JSON on stdout instead of the text
      --emulator           use the in-process emulator even when the environment names a service
      --fault <spec>       an x-emulator-fault for every request, e.g. "rate_limit" (emulator only)
  -h, --help               this text

Environment: OPENAI_API_KEY, OPENAI_BASE_URL, OPENAI_MODEL; AZURE_OPENAI_ENDPOINT, AZURE_OPENAI_API_KEY,
AZURE_OPENAI_DEPLOYMENT, AZURE_OPENAI_API_VERSION; AZURE_INFERENCE_ENDPOINT, AZURE_INFERENCE_API_KEY,
AZURE_INFERENCE_MODEL. None set: the emulator answers.

Exit codes: 0 answered (also when stdout closed early, as with "| head"), 1 the request failed or the stream
broke off, 2 bad usage, 3 bad configuration, 4 the service cut the answer short (length, content filter),
130 interrupted.`

/** Parses the arguments (without `node` and the script); throws {@link UsageError} for a bad command line. */
export function parseCliArgs(argv: string[]): CliArgs {
  let parsed: ReturnType<typeof parse>
  try {
    parsed = parse(argv)
  } catch (error) {
    // parseArgs names the flag, never a value: safe to show.
    throw new UsageError((error as Error).message)
  }
  const { values, positionals } = parsed
  for (const [name, value] of Object.entries(values)) {
    if (value === '') throw new UsageError(`--${name} is empty: give it a value, or leave the flag out`)
  }
  if (values.model !== undefined && values.deployment !== undefined && values.model !== values.deployment) {
    throw new UsageError('--model and --deployment name the same thing: give one of them')
  }
  return {
    question: positionals.length > 0 ? positionals.join(' ') : undefined,
    dialect: dialectOf(values.dialect),
    model: values.model ?? values.deployment,
    temperature: temperatureOf(values.temperature),
    system: values.system,
    maxTokens: maxTokensOf(values['max-tokens']),
    json: values.json,
    emulator: values.emulator,
    fault: faultOf(values.fault),
    help: values.help,
  }
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      dialect: { type: 'string', short: 'd' },
      model: { type: 'string', short: 'm' },
      deployment: { type: 'string' },
      temperature: { type: 'string', short: 't' },
      system: { type: 'string', short: 's' },
      'max-tokens': { type: 'string' },
      json: { type: 'boolean', default: false },
      emulator: { type: 'boolean', default: false },
      fault: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  })
}

function dialectOf(value: string | undefined): Dialect | undefined {
  if (value === undefined) return undefined
  const dialect = DIALECTS.find((known) => known === value)
  if (dialect === undefined) throw new UsageError(`--dialect must be one of ${DIALECTS.join(', ')}`)
  return dialect
}

function temperatureOf(value: string | undefined): number | undefined {
  if (value === undefined) return undefined
  const temperature = value.trim() === '' ? Number.NaN : Number(value)
  if (!(temperature >= 0 && temperature <= 2))
    throw new UsageError('--temperature must be a number from 0 to 2')
  return temperature
}

/** Checked here with the emulator's own parser: a misspelled fault would otherwise fail every request with a 400. */
function faultOf(value: string | undefined): string | undefined {
  if (value === undefined) return undefined
  try {
    parseFault(value)
  } catch (error) {
    // The parser's message names the fault and the parameter, and lists the known faults.
    throw new UsageError(`--fault: ${(error as Error).message}`)
  }
  return value
}

function maxTokensOf(value: string | undefined): number | undefined {
  if (value === undefined) return undefined
  const tokens = /^\d+$/.test(value) ? Number(value) : 0
  if (!(tokens >= 1)) throw new UsageError('--max-tokens must be a whole number from 1')
  return tokens
}
