import { FAULTS, type FaultName, faultNameOf, isFaultName } from './catalog.js'
import { EVERY_FAULT_PARAMETERS, FAULT_PARAMETERS, type FaultParameter } from './parameters.js'

/** A fault and its parameters, as parsed from `name;key=value;…`. */
export interface FaultSpec {
  name: FaultName
  params: Record<string, string>
}

/** The magic phrase a person can type into a chat to trigger a fault: `[[fault:rate_limit;retry_after_ms=500]]`. */
export const FAULT_PHRASE = /\[\[fault:([^\]]+)\]\]/i

/**
 * Parses `rate_limit;retry_after_ms=500`; throws a message that lists the known faults when the name is
 * unknown, and one that lists the parameters the fault takes when a parameter is unknown or its value is not
 * one it takes. An unknown name is quoted only when it is a short plain token: a header or a chat message
 * may carry anything.
 */
export function parseFault(text: string): FaultSpec {
  const [head = '', ...pairs] = text.split(';').map((part) => part.trim())
  const name = faultNameOf(head)
  if (!isFaultName(name)) throw unknownFault(head)
  const params: Record<string, string> = {}
  for (const pair of pairs) {
    if (pair === '') continue
    const at = pair.indexOf('=')
    const key = (at === -1 ? pair : pair.slice(0, at)).trim().toLowerCase()
    params[key] = at === -1 ? 'true' : pair.slice(at + 1).trim()
  }
  return checkFault({ name, params })
}

/**
 * Returns `spec` when every parameter is one its fault takes, with a value it takes; else throws a message
 * naming the parameter and what it takes (never its value, which may come from a chat message).
 */
export function checkFault(spec: FaultSpec): FaultSpec {
  if (!isFaultName(spec.name)) throw unknownFault(spec.name)
  const takes = parametersOf(spec)
  // `with` first: the parameters a fail_then_succeed takes depend on it.
  const entries = Object.entries(spec.params)
  for (const [key, value] of [...entries.filter(isWith), ...entries.filter((entry) => !isWith(entry))]) {
    const parameter = takes[key]
    if (parameter === undefined) {
      const named = quotable(key) ? ` '${key}'` : ' of that name'
      throw new Error(
        `The emulator fault ${spec.name} takes no parameter${named}; it takes ${Object.keys(takes).join(', ')}.`,
      )
    }
    if (!parameter.accepts(value)) {
      throw new Error(`The ${key} parameter of the emulator fault ${spec.name} takes ${parameter.takes}.`)
    }
  }
  return spec
}

/** A name short and plain enough to quote back: a longer one, or one of other characters, may be a chat's text. */
const QUOTABLE = /^[A-Za-z0-9_.-]{1,40}$/u

function quotable(name: string): boolean {
  return QUOTABLE.test(name)
}

/** The error for a fault name that is not one: it quotes the name only when {@link quotable}, and lists the known. */
function unknownFault(name: string): Error {
  const known = `Known faults: ${Object.keys(FAULTS).join(', ')}.`
  return new Error(
    quotable(name)
      ? `Unknown emulator fault '${name}'. ${known}`
      : `Unknown emulator fault: the name given is not a known one. ${known}`,
  )
}

function isWith([key]: [string, string]): boolean {
  return key === 'with'
}

/** The parameters `spec` may carry: its fault's own, every fault's, and for fail_then_succeed its inner fault's. */
function parametersOf(spec: FaultSpec): Readonly<Record<string, FaultParameter>> {
  const own: Readonly<Record<string, FaultParameter>> = FAULT_PARAMETERS[spec.name]
  if (spec.name !== 'fail_then_succeed') return { ...own, ...EVERY_FAULT_PARAMETERS }
  const inner = faultNameOf(spec.params.with ?? 'server_error')
  const wrapped = isFaultName(inner) && inner !== 'fail_then_succeed' ? FAULT_PARAMETERS[inner] : {}
  return { ...own, ...wrapped, ...EVERY_FAULT_PARAMETERS }
}

/** `name;key=value` again, for logs, keys and the `x-emulator-fault` reply header. */
export function formatFault(spec: FaultSpec): string {
  return [spec.name, ...Object.entries(spec.params).map(([key, value]) => `${key}=${value}`)].join(';')
}

/** A numeric parameter (checked by {@link checkFault}), or `fallback` when it is missing. */
export function numberParam(spec: FaultSpec, key: string, fallback: number): number {
  const raw = spec.params[key]
  return raw === undefined ? fallback : Number(raw)
}
