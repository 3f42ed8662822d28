// @chatwire/core/schema: the valibot schemas every type is inferred from, and validateRequest.

export { MAX_REQUEST_ISSUES, validateRequest } from '../validate-request.js'
export * from './chunk.js'
export * from './error-body.js'
export * from './known-fields.js'
export * from './message.js'
export * from './request.js'
export * from './response.js'
export * from './usage.js'
