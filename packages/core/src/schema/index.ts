// @chatwire/core/schema: the valibot schemas every type is inferred from, validateRequest, and formatIssuePath,
// which writes the paths of its issues (here rather than in @chatwire/core: an app's bundle loads it lazily).

export { formatIssuePath } from '../issue-path.js'
export { MAX_REQUEST_ISSUES, validateRequest } from '../validate-request.js'
export * from './chunk.js'
export * from './error-body.js'
export * from './known-fields.js'
export * from './message.js'
export * from './request.js'
export * from './response.js'
export * from './usage.js'
