import { countersOf, type Exchange, fail, type ServerState } from '../exchange.js'
import { sleep } from '../http/sleep.js'
import {
  FAULT_HEADER,
  FaultError,
  type FaultRequestInfo,
  repeatKey,
  requestedFault,
  resolveRepeats,
} from './select.js'
import { type FaultSpec, formatFault, numberParam } from './spec.js'
import { faultProblem } from './to-problem.js'

/** The last user message of a chat request: its text, where `[[fault:…]]` phrases are, and its path. */
export interface LastUserMessage {
  text: string
  /** `messages[2].content`, for the error of a phrase that names no fault. */
  path: string
}

/**
 * Picks the request's fault and applies what happens before any header: latency, a reset, an error reply.
 * Returns the fault for the rest of the reply to apply, or `'handled'` when the exchange is over. A bad
 * fault is a 400 whose issue path says where it was: the header, the message that holds the phrase, or
 * none for the server's own.
 */
export async function applyEarlyFault(
  exchange: Exchange,
  state: ServerState,
  lastUser: LastUserMessage | undefined,
  notFoundName: string,
): Promise<FaultSpec | undefined | 'handled'> {
  const info: FaultRequestInfo = {
    dialect: exchange.dialect.name,
    method: exchange.request.method ?? 'GET',
    path: exchange.url.pathname,
    headers: exchange.request.headers,
    lastUserText: lastUser?.text,
  }
  let fault: FaultSpec | undefined
  try {
    const requested = requestedFault(info, state.options.faults, state.options.requestFaults)
    exchange.requestedFault = requested
    if (requested?.name === 'fail_then_succeed') exchange.faultKey = repeatKey(requested, info.headers)
    fault = resolveRepeats(requested, exchange.request.headers, countersOf(state, exchange.scope))
  } catch (error) {
    if (!(error instanceof FaultError)) throw error
    const { message, source } = error
    const path = source === 'header' ? FAULT_HEADER : source === 'phrase' ? lastUser?.path : undefined
    fail(exchange, {
      kind: 'invalid_request',
      message,
      issues: path === undefined ? [] : [{ path, message }],
    })
    return 'handled'
  }
  exchange.fault = fault
  if (fault !== undefined) exchange.response.setHeader(FAULT_HEADER, formatFault(fault))
  // OpenAI's hint that overrides a client's own retry decision, for any fault: `should_retry=false`.
  const shouldRetry = fault?.params.should_retry
  if (shouldRetry !== undefined) exchange.response.setHeader('x-should-retry', shouldRetry)

  const latency = state.options.latencyMs + (fault?.name === 'latency' ? numberParam(fault, 'ms', 1000) : 0)
  if (!(await sleep(latency, exchange.signal))) return 'handled'
  if (fault?.name === 'reset') {
    exchange.request.socket.destroy()
    return 'handled'
  }
  const problem = fault === undefined ? undefined : faultProblem(fault, notFoundName)
  if (problem !== undefined) {
    fail(exchange, problem)
    return 'handled'
  }
  return fault
}
