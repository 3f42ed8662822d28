// @chatwire/core/error-body: the reading of error bodies, for adapter authors. It is an entry of its own so
// that an app's bundle loads it only when an error arrives: the client imports it lazily.
export { errorFromBody } from './error-from-body.js'
export { type ErrorDetails, readErrorBody } from './read-error-body.js'
