import type { IncomingMessage, ServerResponse } from 'node:http'

/** Reply headers a browser client must be allowed to read (request ids, retry hints, emulator reports). */
const EXPOSED = [
  'x-request-id',
  'apim-request-id',
  'retry-after',
  'retry-after-ms',
  'x-ms-retry-after-ms',
  'x-ratelimit-remaining-requests',
  'x-should-retry',
  'x-emulator-fault',
  'x-emulator-dropped-parameters',
  'x-emulator-passed-parameters',
]

/** Lets the browser demo, served from another port, call the emulator. */
export function addCorsHeaders(request: IncomingMessage, response: ServerResponse): void {
  response.setHeader('access-control-allow-origin', request.headers.origin ?? '*')
  response.setHeader('access-control-expose-headers', EXPOSED.join(', '))
  response.setHeader('vary', 'origin')
}

/** Answers a CORS preflight: any header and the two methods the routes use. */
export function answerPreflight(request: IncomingMessage, response: ServerResponse): void {
  response.writeHead(204, {
    'access-control-allow-methods': 'GET, POST, OPTIONS',
    'access-control-allow-headers': request.headers['access-control-request-headers'] ?? '*',
    'access-control-max-age': '600',
  })
  response.end()
}
