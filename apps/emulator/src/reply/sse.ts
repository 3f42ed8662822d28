import { formatSSE } from '@chatwire/core'
import type { ProblemReply } from '../problem.js'

/** One server-sent event, framed by core's encoder (the same framing a chatwire relay writes). */
export function sseFrame(data: string, event?: string): string {
  return formatSSE({ data, event })
}

export const DONE = '[DONE]'

/**
 * The error body a stream carries when it fails midway (`event: error` or a plain `data:` frame): the body
 * the dialect answers `status` with, under `error` (a flat body, Model Inference's, is wrapped: a data frame
 * is an error only when it has one), stating `status` there as Azure's bodies do, since the stream's own
 * HTTP status was 200 and a client has no other way to tell a 401 from a 400.
 */
export function streamErrorBody(reply: ProblemReply, status: number): string {
  const body = JSON.parse(reply.body) as Record<string, unknown>
  const { error } = body
  const fields = typeof error === 'object' && error !== null ? error : body
  return JSON.stringify({ error: { ...fields, status } })
}
