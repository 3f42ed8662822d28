import type { DialectName } from '../dialects/dialect.js'
import { firstHeaderValue } from '../first-header-value.js'
import { scanDirectives } from '../model/conversation.js'
import { checkFault, type FaultSpec, formatFault, numberParam, parseFault } from './spec.js'

/** Request headers as Node gives them (names lower-cased), without needing `@types/node` to name them. */
export type RequestHeaders = Readonly<Record<string, string | string[] | undefined>>

/** What a server-wide fault chooser can look at. */
export interface FaultRequestInfo {
  dialect: DialectName
  method: string
  path: string
  headers: RequestHeaders
  /** The text of the last user message, for chat requests. */
  lastUserText: string | undefined
}

/**
 * Faults for every request of a server: one fault (`'rate_limit'` or a parsed spec), or a function that
 * picks one per request. A request's own header or phrase takes precedence.
 */
export type ServerFaults =
  | string
  | FaultSpec
  | ((request: FaultRequestInfo) => string | FaultSpec | undefined)

export const FAULT_HEADER = 'x-emulator-fault'
export const FAULT_KEY_HEADER = 'x-emulator-fault-key'

/** Where a request's fault came from: a bad one is reported with a path to it (or none, for the server's). */
export type FaultSource = 'header' | 'phrase' | 'server'

/** A fault that could not be read, with where it came from. */
export class FaultError extends Error {
  constructor(
    message: string,
    readonly source: FaultSource,
  ) {
    super(message)
  }
}

/**
 * The fault for this request: the `x-emulator-fault` header, else a `[[fault:…]]` phrase in the last user
 * message, else the server's own. Throws a {@link FaultError} on an unknown fault name or parameter and on a
 * bad parameter value, so a typo is an error and not a silent success or a silent default.
 */
export function requestedFault(
  info: FaultRequestInfo,
  serverFaults: ServerFaults | undefined,
  allowRequestFaults: boolean,
): FaultSpec | undefined {
  if (allowRequestFaults) {
    const text = firstHeaderValue(info.headers[FAULT_HEADER])
    if (text !== undefined && text.trim() !== '') return read('header', () => parseFault(text))
    const phrase = info.lastUserText === undefined ? undefined : faultPhraseIn(info.lastUserText)
    if (phrase !== undefined) return read('phrase', () => parseFault(phrase))
  }
  return read('server', () => {
    const chosen = typeof serverFaults === 'function' ? serverFaults(info) : serverFaults
    if (chosen === undefined) return undefined
    return typeof chosen === 'string' ? parseFault(chosen) : checkFault(chosen)
  })
}

function read(source: FaultSource, parse: () => FaultSpec | undefined): FaultSpec | undefined {
  try {
    return parse()
  } catch (error) {
    throw new FaultError(error instanceof Error ? error.message : String(error), source)
  }
}

/**
 * Resolves `fail_then_succeed`: the inner fault (`with`, default `server_error`) for the first `times`
 * requests of a key, nothing after. Other faults come back as they are. `counters` lives on the server.
 */
export function resolveRepeats(
  spec: FaultSpec | undefined,
  headers: RequestHeaders,
  counters: Map<string, number>,
): FaultSpec | undefined {
  if (spec?.name !== 'fail_then_succeed') return spec
  const { with: inner = 'server_error', times: _times, key: _key, ...rest } = spec.params
  const key = repeatKey(spec, headers)
  const seen = (counters.get(key) ?? 0) + 1
  counters.set(key, seen)
  if (seen > numberParam(spec, 'times', 1)) return undefined
  // Checked with the spec: `with` names a fault other than fail_then_succeed; its own parameters (`withParams`)
  // win over those given among fail_then_succeed's (`rest`: older specs, and a `should_retry` for both).
  return { name: parseFault(inner).name, params: { ...rest, ...spec.withParams } }
}

/** The key a `fail_then_succeed` request is counted under: the `x-emulator-fault-key` header, `key=…`, the fault text. */
export function repeatKey(spec: FaultSpec, headers: RequestHeaders): string {
  return firstHeaderValue(headers[FAULT_KEY_HEADER]) ?? spec.params.key ?? formatFault(spec)
}

/**
 * What the first `[[fault:…]]` phrase of a text holds, found in one pass: `FAULT_PHRASE.exec` takes quadratic
 * time on a message of many `[[fault:` and no `]]` (160 KB: 8 s).
 */
function faultPhraseIn(text: string): string | undefined {
  for (const { body } of scanDirectives(text)) {
    const inner = body.replace(/^\[+/u, '')
    if (inner.slice(0, 6).toLowerCase() === 'fault:' && inner.length > 6) return inner.slice(6)
  }
  return undefined
}
