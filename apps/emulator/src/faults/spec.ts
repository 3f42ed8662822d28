import { FAULTS, type FaultName, isFaultName } from './catalog.js'

/** A fault and its parameters, as parsed from `name;key=value;…`. */
export interface FaultSpec {
  name: FaultName
  params: Record<string, string>
}

/** The magic phrase a person can type into a chat to trigger a fault: `[[fault:rate_limit;retry_after_ms=500]]`. */
export const FAULT_PHRASE = /\[\[fault:([^\]]+)\]\]/i

/** Parses `rate_limit;retry_after_ms=500`; throws a message that lists the known faults when the name is unknown. */
export function parseFault(text: string): FaultSpec {
  const [head = '', ...pairs] = text.split(';').map((part) => part.trim())
  const name = head.toLowerCase().replace(/-/g, '_')
  if (!isFaultName(name)) {
    throw new Error(`Unknown emulator fault '${head}'. Known faults: ${Object.keys(FAULTS).join(', ')}.`)
  }
  const params: Record<string, string> = {}
  for (const pair of pairs) {
    if (pair === '') continue
    const at = pair.indexOf('=')
    const key = (at === -1 ? pair : pair.slice(0, at)).trim().toLowerCase()
    params[key] = at === -1 ? 'true' : pair.slice(at + 1).trim()
  }
  return { name, params }
}

/** `name;key=value` again, for logs, keys and the `x-emulator-fault` reply header. */
export function formatFault(spec: FaultSpec): string {
  return [spec.name, ...Object.entries(spec.params).map(([key, value]) => `${key}=${value}`)].join(';')
}

/** A numeric parameter, or `fallback` when it is missing or not a finite number ≥ 0. */
export function numberParam(spec: FaultSpec, key: string, fallback: number): number {
  const raw = spec.params[key]
  if (raw === undefined) return fallback
  const value = Number(raw)
  return Number.isFinite(value) && value >= 0 ? value : fallback
}
