import { replyFault } from './model/scripted.js'
import type { EmulatorOptions } from './options.js'

/** What an option takes: words for the error, and the check of a value that is set. */
interface Rule {
  takes: string
  accepts(value: unknown): boolean
}

const MILLISECONDS: Rule = {
  takes: 'a number of milliseconds ≥ 0',
  accepts: (value) => typeof value === 'number' && Number.isFinite(value) && value >= 0,
}
const BOOLEAN: Rule = { takes: 'true or false', accepts: (value) => typeof value === 'boolean' }

function wholeNumber(takes: string, least: number, most = Number.MAX_SAFE_INTEGER): Rule {
  return {
    takes,
    accepts: (value) => Number.isInteger(value) && Number(value) >= least && Number(value) <= most,
  }
}

function isName(value: unknown): boolean {
  return typeof value === 'string' && value.trim() !== ''
}

/** A non-empty list of `item`s. */
function listOf(takes: string, item: (value: unknown) => boolean): Rule {
  return { takes, accepts: (value) => Array.isArray(value) && value.length > 0 && value.every(item) }
}

/**
 * The options and what each takes; `faults` is checked as a fault, with the fault's own messages. No message
 * holds the value given (a key is never quoted).
 */
const RULES: { readonly [Name in Exclude<keyof EmulatorOptions, 'faults'>]?: Rule } = {
  port: wholeNumber('a port from 0 to 65535 (0: any free port)', 0, 65_535),
  host: { takes: 'a host name or an IP address', accepts: isName },
  latencyMs: MILLISECONDS,
  tokenDelayMs: MILLISECONDS,
  stallMs: MILLISECONDS,
  maxBodyBytes: wholeNumber('a whole number of bytes ≥ 1', 1),
  maxConcurrentStreams: wholeNumber('a whole number ≥ 0', 0),
  requestFaults: BOOLEAN,
  strictRequests: BOOLEAN,
  requireAuth: BOOLEAN,
  cors: BOOLEAN,
  keys: listOf(
    'a list of non-empty keys; leave it out to accept any non-empty key (an empty list would refuse every request)',
    isName,
  ),
  models: listOf('a list of at least one non-empty model name', isName),
  deployments: {
    takes: 'at least one deployment: a non-empty name → a non-empty model name',
    accepts: (value) =>
      typeof value === 'object' &&
      value !== null &&
      Object.keys(value).length > 0 &&
      Object.entries(value).every(([name, model]) => isName(name) && isName(model)),
  },
  inferenceModels: listOf('a list of at least one { name, provider }, both non-empty', (model) => {
    const { name, provider } = (model ?? {}) as { name?: unknown; provider?: unknown }
    return isName(name) && isName(provider)
  }),
  log: { takes: 'a function of one line', accepts: (value) => typeof value === 'function' },
}

/**
 * Checks `startEmulator`'s options as the CLI checks its flags, so that a bad one fails at start with one
 * error that names it and what it takes, not later as a 401 or a 404 on every request.
 */
export function checkOptions(options: EmulatorOptions): void {
  for (const [name, rule] of Object.entries(RULES)) {
    const value: unknown = options[name as keyof typeof RULES]
    if (value !== undefined && !rule.accepts(value)) {
      throw new TypeError(`The emulator option ${name} takes ${rule.takes}.`)
    }
  }
  checkReply(options.reply, 'The emulator option reply')
}

/** Checks a scope's own id: it goes out as a header value, so no space, control character or non-ASCII. */
export function checkScopeId(id: unknown): void {
  if (id === undefined || (typeof id === 'string' && /^[\x21-\x7e]{1,200}$/.test(id))) return
  const given =
    typeof id !== 'string'
      ? id === null
        ? 'null'
        : `a ${typeof id}`
      : id.length === 0 || id.length > 200
        ? `${id.length} characters`
        : 'one with a space, a control or a non-ASCII character'
  throw new TypeError(
    `The id of a scope is sent as its x-emulator-scope header: 1 to 200 visible ASCII characters; got ${given}`,
  )
}

/** Checks a `reply` given at start or to a scope: a function (checked per request), or a scripted reply. */
export function checkReply(reply: unknown, what: string): void {
  if (reply === undefined || typeof reply === 'function') return
  const fault = replyFault(reply)
  if (fault !== undefined) throw new TypeError(`${what} takes a function of the request, or ${fault}.`)
}
