import { formatSSE } from '@chatwire/core'

/** One server-sent event, framed by core's encoder (the same framing a chatwire relay writes). */
export function sseFrame(data: string, event?: string): string {
  return formatSSE({ data, event })
}

export const DONE = '[DONE]'

/** The error body a stream carries when it fails midway (`event: error` or a plain `data:` frame). */
export function streamErrorBody(status: number): string {
  return JSON.stringify({
    error: {
      message: 'The server had an error while processing your request. Sorry about that!',
      type: 'server_error',
      param: null,
      code: status === 503 ? 'service_unavailable' : 'server_error',
    },
  })
}
