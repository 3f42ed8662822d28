import type { ChatRequest } from '../schema/request.js'
import type { validateRequest } from '../validate-request.js'

/** Checks a request with `validateRequest`: the request checked, or an `InvalidRequestError`. */
export type Validator = (request: ChatRequest) => Promise<ChatRequest>

/**
 * A client's validator. `validateRequest` is loaded on the first call that validates: valibot and the request
 * schemas are then a lazy chunk of a browser bundle, and never loaded by calls with `validate: false`. The
 * loaded function is kept, so later calls make no `import()`: one per call costs a module-map lookup and
 * several turns of the microtask queue on every request (and a round trip to the hooks' thread under a
 * module loader). Kept by hand rather than with lazy.ts, which every client bundle would then hold.
 */
export function createValidator(): Validator {
  let validate: typeof validateRequest | undefined
  return async (request) => {
    validate ??= (await import('../validate-request.js')).validateRequest
    return validate(request)
  }
}
