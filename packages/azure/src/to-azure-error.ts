import type { ChatError } from '@chatwire/core'

/**
 * Both Azure endpoints' `toError`: the mapping is loaded with the first error reply, so that an app's bundle
 * holds the error path in a lazy chunk.
 */
export async function toAzureError(status: number, body: unknown, headers: Headers): Promise<ChatError> {
  const { azureErrorFromBody } = await import('./azure-error.js')
  return azureErrorFromBody(status, body, headers)
}
