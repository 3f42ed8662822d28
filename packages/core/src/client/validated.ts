import type { ChatRequest } from '../schema/request.js'
import type { validateRequest } from '../validate-request.js'
import { loadChunk } from './abort.js'
import type { LoadTimers } from './timeouts.js'

/**
 * Checks a request with `validateRequest`: the request checked, or an `InvalidRequestError`. The load of
 * `validateRequest` is raced with the call's signal, and bounded by the call's timers (see `loadWithin`).
 */
export type Validator = (
  request: ChatRequest,
  call: { readonly signal: AbortSignal; readonly options: LoadTimers },
) => Promise<ChatRequest>

/**
 * A client's validator. `validateRequest` is loaded on the first call that validates: valibot and the request
 * schemas are then a lazy chunk of a browser bundle, and never loaded by calls with `validate: false`. The
 * loaded function is kept, so later calls make no `import()`: one per call costs a module-map lookup and
 * several turns of the microtask queue on every request (and a round trip to the hooks' thread under a
 * module loader). Kept by hand rather than with lazy.ts, which every client bundle would then hold.
 */
export function createValidator(): Validator {
  let validate: typeof validateRequest | undefined
  return async (request, call) => {
    validate ??= (await loadChunk(import('../validate-request.js'), call.signal, call.options))
      .validateRequest
    return validate(request)
  }
}
