import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Dialect, ProblemContext } from './dialects/dialect.js'
import type { FaultSpec } from './faults/spec.js'
import { sendReply } from './http/write.js'
import type { ReplyScript } from './model/scripted.js'
import type { ResolvedOptions } from './options.js'
import type { Problem } from './problem.js'

/** One request and its reply, with what every handler needs. */
export interface Exchange {
  request: IncomingMessage
  response: ServerResponse
  url: URL
  requestId: string
  /** Aborts when the client leaves or the server closes. */
  signal: AbortSignal
  dialect: Dialect
  problemContext: ProblemContext
  /** The fault applied, for the log and the request records. */
  fault: FaultSpec | undefined
  /** The fault the request asked for, before `fail_then_succeed` resolved to its inner fault or to none. */
  requestedFault: FaultSpec | undefined
  /** The key `fail_then_succeed` counted this request under. */
  faultKey: string | undefined
  /** The test scope the request belongs to (the `x-emulator-scope` header). */
  scope: string | undefined
  /** The text of the body as the client sent it, once read as a JSON object; `undefined` before, or for another. */
  bodyText: string | undefined
  /** The body's size in bytes, once read. */
  bodyBytes: number
  streamed: boolean
}

/** What lives as long as the server: options, the fail-then-succeed counters, the open streams. */
export interface ServerState {
  options: ResolvedOptions
  /** The fail-then-succeed counters of each test scope (`undefined`: requests without a scope). */
  counters: Map<string | undefined, Map<string, number>>
  /** The replies scripted for each scope (`undefined`: the server's own `reply` option). */
  replies: Map<string | undefined, ReplyScript>
  /** `created` of every completion: the emulator's start, in seconds, so identical requests get identical replies. */
  created: number
  activeStreams: number
}

/** The fail-then-succeed counters of one scope, so that tests running at once do not count each other's. */
export function countersOf(state: ServerState, scope: string | undefined): Map<string, number> {
  let counters = state.counters.get(scope)
  if (counters === undefined) {
    counters = new Map()
    state.counters.set(scope, counters)
  }
  return counters
}

/** Answers with a problem rendered in the exchange's dialect. */
export function fail(exchange: Exchange, problem: Problem): void {
  sendReply(exchange.response, exchange.dialect.render(problem, exchange.problemContext))
}
