import type { ChatRequest } from '../schema/request.js'

/**
 * The request checked by `validateRequest`, which is loaded on the first call that validates: valibot and the
 * request schemas are then a lazy chunk of a browser bundle, and never loaded by calls with `validate: false`.
 */
export async function validated(request: ChatRequest): Promise<ChatRequest> {
  const { validateRequest } = await import('../validate-request.js')
  return validateRequest(request)
}
