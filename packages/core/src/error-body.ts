// @chatwire/core/error-body: the reading of error bodies (and of any body, bounded), for adapter authors. It is
// an entry of its own so that an app's bundle loads it only when an error arrives: the client imports it lazily.
export { type LimitedBody, readLimited } from './adapter/read-limited.js'
// Here rather than in the package's index: a bundle that never reads an error would hold it in a chunk of its own.
export { isCredentialName } from './client/credential-name.js'
export { errorFromBody } from './error-from-body.js'
export { type ErrorDetails, readErrorBody } from './read-error-body.js'
export { redactValues } from './redact-values.js'
