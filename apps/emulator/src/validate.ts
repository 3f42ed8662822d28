import { InvalidRequestError } from '@chatwire/core'
import { validateRequest } from '@chatwire/core/schema'
import type { ChatRequestView } from './chat-request.js'
import { KNOWN_REQUEST_FIELDS } from './dialects/request-fields.js'
import type { Problem } from './problem.js'

/**
 * Checks a parsed body with `@chatwire/core`'s request schema, the same check a chatwire client makes
 * before sending, and returns the request or the problem to answer (400, or Model Inference's 422, with
 * the path of every bad field). With `refuseUnknown`, a top-level field no OpenAI-compatible service knows
 * (`temprature`) is refused first, as OpenAI refuses it.
 */
export function checkRequest(
  body: Record<string, unknown>,
  options: { refuseUnknown: boolean },
): { request: ChatRequestView } | { problem: Problem } {
  if (options.refuseUnknown) {
    const unknown = Object.keys(body).filter((name) => !KNOWN_REQUEST_FIELDS.has(name))
    if (unknown.length > 0) return { problem: { kind: 'extra_parameters', names: unknown } }
  }
  try {
    return { request: validateRequest(body) as ChatRequestView }
  } catch (error) {
    if (!(error instanceof InvalidRequestError)) throw error
    return { problem: { kind: 'invalid_request', message: error.message, issues: error.issues } }
  }
}
