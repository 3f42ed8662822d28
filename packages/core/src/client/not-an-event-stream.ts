import { MalformedStreamError } from '../errors.js'

/**
 * The refusal of a 2xx reply to a stream request that is not an event stream (a proxy's HTML page, a JSON body
 * from a server that ignored `stream: true`): read as events it would end empty and look like a cut stream.
 * The error names the content type, never the body. Loaded with the first such reply.
 */
export function notAnEventStream(response: Response, service: string): MalformedStreamError {
  const type = response.headers.get('content-type')
  const what = type === null ? 'no content-type' : `content-type ${printable(type)}`
  return new MalformedStreamError(
    `${service} answered the stream request with ${what}, not text/event-stream`,
    {
      status: response.status,
      headers: response.headers,
    },
  )
}

/** A header value as it may appear in a message: printable ASCII, at most 100 characters. */
function printable(value: string): string {
  const clean = value.replace(/[^\x20-\x7e]/g, '?')
  return clean.length > 100 ? `${clean.slice(0, 100)}…` : clean
}
