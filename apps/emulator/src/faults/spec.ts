import { quotable } from '../client-names.js'
import { FAULTS, type FaultName, faultNameOf, isFaultName } from './catalog.js'
import { EVERY_FAULT_PARAMETERS, FAULT_PARAMETERS, type FaultParameter } from './parameters.js'

/** A fault and its parameters, as parsed from `name;key=value;…`. */
export interface FaultSpec {
  name: FaultName
  params: Record<string, string>
  /**
   * `fail_then_succeed` only: the parameters of the fault it wraps (`with`), kept apart from its own so that
   * each keeps its `should_retry`. In the text they follow `with=`:
   * `fail_then_succeed;times=2;with=server_error;status=503`. Parameters of the wrapped fault given in
   * `params` (as older specs do) count too; these win over them.
   */
  withParams?: Record<string, string>
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
  let withParams: Record<string, string> | undefined
  for (const pair of pairs) {
    if (pair === '') continue
    const at = pair.indexOf('=')
    const key = (at === -1 ? pair : pair.slice(0, at)).trim().toLowerCase()
    const value = at === -1 ? 'true' : pair.slice(at + 1).trim()
    // After `with=`, a parameter is the wrapped fault's when it takes it, else fail_then_succeed's own.
    if (withParams !== undefined && takenBy(faultNameOf(params.with ?? ''), key)) withParams[key] = value
    else params[key] = value
    if (name === 'fail_then_succeed' && key === 'with') withParams ??= {}
  }
  const hasWrapped = withParams !== undefined && Object.keys(withParams).length > 0
  return checkFault(hasWrapped ? { name, params, withParams } : { name, params })
}

/** Whether the fault named `name` takes `key` (its own or every fault's). */
function takenBy(name: string, key: string): boolean {
  if (!isFaultName(name)) return false
  return Object.hasOwn(FAULT_PARAMETERS[name], key) || Object.hasOwn(EVERY_FAULT_PARAMETERS, key)
}

/**
 * Returns `spec` when every parameter is one its fault takes, with a value it takes; else throws a message
 * naming the parameter and what it takes (never its value, which may come from a chat message).
 */
export function checkFault(spec: FaultSpec): FaultSpec {
  if (!isFaultName(spec.name)) throw unknownFault(spec.name)
  checkParameters(spec.name, spec.params, parametersOf(spec))
  if (spec.withParams !== undefined) {
    const inner = faultNameOf(spec.params.with ?? 'server_error')
    if (spec.name !== 'fail_then_succeed' || !isFaultName(inner) || inner === 'fail_then_succeed') {
      throw new Error(
        `The emulator fault ${spec.name} wraps no fault: withParams belongs to fail_then_succeed.`,
      )
    }
    checkParameters(inner, spec.withParams, { ...FAULT_PARAMETERS[inner], ...EVERY_FAULT_PARAMETERS })
  }
  return spec
}

function checkParameters(
  name: string,
  params: Readonly<Record<string, string>>,
  takes: Readonly<Record<string, FaultParameter>>,
): void {
  // `with` first: the parameters a fail_then_succeed takes depend on it.
  const entries = Object.entries(params)
  for (const [key, value] of [...entries.filter(isWith), ...entries.filter((entry) => !isWith(entry))]) {
    const parameter = takes[key]
    if (parameter === undefined) {
      const named = quotable(key) ? ` '${key}'` : ' of that name'
      throw new Error(
        `The emulator fault ${name} takes no parameter${named}; it takes ${Object.keys(takes).join(', ')}.`,
      )
    }
    if (!parameter.accepts(value)) {
      throw new Error(`The ${key} parameter of the emulator fault ${name} takes ${parameter.takes}.`)
    }
  }
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

/**
 * `name;key=value` again, for logs, keys and the `x-emulator-fault` reply header; a wrapped fault's parameters
 * follow `with=`, so that {@link parseFault} gives the same spec back.
 */
export function formatFault(spec: FaultSpec): string {
  const pairs = (params: Readonly<Record<string, string>>) =>
    Object.entries(params).map(([key, value]) => `${key}=${value}`)
  const { with: wrapped, ...own } = spec.params
  const inner = wrapped === undefined ? [] : [`with=${wrapped}`, ...pairs(spec.withParams ?? {})]
  return [spec.name, ...pairs(own), ...inner].join(';')
}

/** A numeric parameter (checked by {@link checkFault}), or `fallback` when it is missing. */
export function numberParam(spec: FaultSpec, key: string, fallback: number): number {
  const raw = spec.params[key]
  return raw === undefined ? fallback : Number(raw)
}
