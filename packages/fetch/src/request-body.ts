import type { ChatRequest } from '@chatwire/core'

/**
 * The body of one attempt: `stream: true` when streaming; without `stream` and `stream_options` otherwise
 * (the services reject `stream_options` on a non-streamed request), so one request object serves both calls.
 */
export function requestBody(request: ChatRequest, stream: boolean): Record<string, unknown> {
  const { stream: _stream, stream_options, ...rest } = request
  if (!stream) return rest
  return stream_options == null ? { ...rest, stream: true } : { ...rest, stream: true, stream_options }
}
