import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Dialect, ProblemContext } from './dialects/dialect.js'
import type { FaultSpec } from './faults/spec.js'
import { sendReply } from './http/write.js'
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
  streamed: boolean
}

/** What lives as long as the server: options, the fail-then-succeed counters, the open streams. */
export interface ServerState {
  options: ResolvedOptions
  counters: Map<string, number>
  activeStreams: number
}

/** Answers with a problem rendered in the exchange's dialect. */
export function fail(exchange: Exchange, problem: Problem): void {
  sendReply(exchange.response, exchange.dialect.render(problem, exchange.problemContext))
}
