import type { ChatRequest } from '../schema/request.js'
import type { validateRequest } from '../validate-request.js'

/** `validateRequest`, once the first call that validates has loaded it. */
let validate: typeof validateRequest | undefined

/**
 * The request checked by `validateRequest`, which is loaded on the first call that validates: valibot and the
 * request schemas are then a lazy chunk of a browser bundle, and never loaded by calls with `validate: false`.
 * Later calls use the loaded function with no `import()` between: one per call costs a module-map lookup and
 * several turns of the microtask queue, on every request.
 */
export async function validated(request: ChatRequest): Promise<ChatRequest> {
  validate ??= (await import('../validate-request.js')).validateRequest
  return validate(request)
}
