// The classes from their own entry: importing the main one here would make all of core a chunk shared with
// this lazy one, split from the entry's.

import { errorFromBody } from '@chatwire/core/error-body'
import { type ChatError, InvalidRequestError } from '@chatwire/core/errors'

// Azure's answers about the api-version name no field ("API version not supported",
// "MissingApiVersionParameter"); the path tells the caller which option to change.
const API_VERSION = /api.?version/i

/**
 * Maps an Azure error reply to a typed error: core's `errorFromBody` (which reads Azure's wrapped,
 * `innererror` / `inner_error` and flat bodies, and `apim-request-id`), plus the `api-version` path on a
 * rejected or missing api-version.
 */
export function azureErrorFromBody(status: number, body: unknown, headers: Headers): ChatError {
  const error = errorFromBody(status, body, headers)
  if (!(error instanceof InvalidRequestError) || error.issues.length > 0) return error
  if (!API_VERSION.test(`${error.code ?? ''} ${error.message}`)) return error
  return new InvalidRequestError(error.message, {
    status: error.status,
    headers: error.headers,
    requestId: error.requestId,
    code: error.code,
    type: error.type,
    issues: [{ path: 'api-version', message: 'The service does not accept this api-version' }],
  })
}
