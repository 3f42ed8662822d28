import type { ChatRequestView } from './chat-request.js'
import type { Problem } from './problem.js'
// TEMPORARY: core's index does not export these yet; switch to `from '@chatwire/core'` once it does.
import { InvalidRequestError } from '../../../packages/core/src/errors.js'
import { validateRequest } from '../../../packages/core/src/validate-request.js'

/**
 * Checks a parsed body with `@chatwire/core`'s request schema, the same check a chatwire client makes
 * before sending, and returns the problem to answer (400 with the path of the first bad field) or the
 * request.
 */
export function checkRequest(body: unknown): { request: ChatRequestView } | { problem: Problem } {
  try {
    return { request: validateRequest(body) as ChatRequestView }
  } catch (error) {
    if (!(error instanceof InvalidRequestError)) throw error
    return { problem: { kind: 'invalid_request', message: error.message, issues: error.issues } }
  }
}
