import type { EmulatorOptions } from './options.js'

/** What a numeric option takes: words for the error, and the check. */
interface NumberRule {
  takes: string
  accepts(value: number): boolean
}

const MILLISECONDS: NumberRule = {
  takes: 'a number of milliseconds ≥ 0',
  accepts: (value) => Number.isFinite(value) && value >= 0,
}
const COUNT: NumberRule = {
  takes: 'a whole number ≥ 0',
  accepts: (value) => Number.isInteger(value) && value >= 0,
}

const NUMBERS = {
  port: {
    takes: 'a port from 0 to 65535 (0: any free port)',
    accepts: (value) => Number.isInteger(value) && value >= 0 && value <= 65_535,
  },
  latencyMs: MILLISECONDS,
  tokenDelayMs: MILLISECONDS,
  stallMs: MILLISECONDS,
  maxBodyBytes: {
    takes: 'a whole number of bytes ≥ 1',
    accepts: (value) => Number.isInteger(value) && value >= 1,
  },
  maxConcurrentStreams: COUNT,
} as const satisfies Partial<Record<keyof EmulatorOptions, NumberRule>>

const BOOLEANS = [
  'requestFaults',
  'requireAuth',
  'cors',
] as const satisfies readonly (keyof EmulatorOptions)[]

/** The error of an option the emulator cannot start with: it names the option and what it takes. */
function refused(name: string, takes: string): TypeError {
  return new TypeError(`The emulator option ${name} takes ${takes}.`)
}

/**
 * Checks `startEmulator`'s options as the CLI checks its flags, so that a bad one fails at start with one
 * error that names it, not later as a 401 or a 404 on every request. A key is never quoted.
 */
export function checkOptions(options: EmulatorOptions): void {
  for (const [name, rule] of Object.entries(NUMBERS) as [keyof typeof NUMBERS, NumberRule][]) {
    const value = options[name]
    if (value !== undefined && !(typeof value === 'number' && rule.accepts(value)))
      throw refused(name, rule.takes)
  }
  for (const name of BOOLEANS) {
    const value = options[name]
    if (value !== undefined && typeof value !== 'boolean') throw refused(name, 'true or false')
  }
  if (options.host !== undefined && (typeof options.host !== 'string' || options.host.trim() === ''))
    throw refused('host', 'a host name or an IP address')
  if (options.log !== undefined && typeof options.log !== 'function')
    throw refused('log', 'a function of one line')
  if (options.keys !== undefined && !isNames(options.keys))
    throw refused(
      'keys',
      'a list of non-empty keys; leave it out to accept any non-empty key (an empty list would refuse every request)',
    )
  if (options.models !== undefined && !isNames(options.models))
    throw refused('models', 'a list of at least one non-empty model name')
  const { deployments, inferenceModels } = options
  if (
    deployments !== undefined &&
    !(
      typeof deployments === 'object' &&
      deployments !== null &&
      Object.keys(deployments).length > 0 &&
      Object.entries(deployments).every(
        ([name, model]) => name !== '' && typeof model === 'string' && model !== '',
      )
    )
  )
    throw refused('deployments', 'at least one deployment: a non-empty name → a non-empty model name')
  if (
    inferenceModels !== undefined &&
    !(
      Array.isArray(inferenceModels) &&
      inferenceModels.length > 0 &&
      inferenceModels.every((model) => isName(model?.name) && isName(model?.provider))
    )
  )
    throw refused('inferenceModels', 'a list of at least one { name, provider }, both non-empty')
}

function isName(value: unknown): boolean {
  return typeof value === 'string' && value.trim() !== ''
}

function isNames(value: unknown): boolean {
  return Array.isArray(value) && value.length > 0 && value.every(isName)
}
