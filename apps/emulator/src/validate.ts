import { InvalidRequestError } from '@chatwire/core'
import { validateRequest } from '@chatwire/core/schema'
import type { ChatRequestView } from './chat-request.js'
import type { Problem } from './problem.js'

/**
 * Checks a parsed body with `@chatwire/core`'s request schema, the same check a chatwire client makes
 * before sending, and returns the request or the problem to answer (400, or Model Inference's 422, with
 * the path of every bad field).
 */
export function checkRequest(body: unknown): { request: ChatRequestView } | { problem: Problem } {
  try {
    return { request: validateRequest(body) as ChatRequestView }
  } catch (error) {
    if (!(error instanceof InvalidRequestError)) throw error
    return { problem: { kind: 'invalid_request', message: error.message, issues: error.issues } }
  }
}
