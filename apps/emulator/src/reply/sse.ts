/** One server-sent event: `event:` line when named, one `data:` line (payloads here are single-line JSON). */
export function sseFrame(data: string, event?: string): string {
  return `${event === undefined ? '' : `event: ${event}\n`}data: ${data}\n\n`
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
