// @chatwire/core/error-body: the reading of error bodies (and of any body, bounded), for adapter authors. It is
// an entry of its own so that an app's bundle loads it only when an error arrives: the client imports it lazily.
export { type LimitedBody, readLimited } from './adapter/read-limited.js'
export { errorFromBody } from './error-from-body.js'
export { type ErrorDetails, readErrorBody } from './read-error-body.js'
export { redactValues } from './redact-values.js'
