import { MalformedStreamError, ResponseTooLargeError } from '../errors.js'
import { foldReplyContent } from '../reply-content.js'
import type { ChatCompletion } from '../schema/response.js'
import type { Reply } from './send-request.js'

/**
 * The pieces of a 2xx reply's body. When the reply's signal aborts (the caller, a timer), the read ends at
 * once with the signal's reason, even if the `fetch` in use does not honour signals; a read that fails
 * otherwise (a reset socket) is a `ConnectionError`. Stopping early (`return()`) cancels the body, which frees
 * the connection; after the end or an error, the caller closes the reply. Each `next()` is the reply's own
 * `read()`, with no async generator between (whose every piece would cost more promises and turns of the
 * microtask queue, once per network read of a stream).
 *
 * With `unchecked`, each `next()` is the body reader's own promise (`Reply.next`), and its reader hands what
 * it settles with to `Reply.received` or `Reply.lost`: a stream's run does, once per network read.
 */
export function readBody(reply: Reply, unchecked = false): AsyncIterableIterator<Uint8Array, void> {
  const iterator: AsyncIterableIterator<Uint8Array, void> = {
    next: (unchecked ? reply.next : reply.read) as () => Promise<IteratorResult<Uint8Array, void>>,
    async return() {
      reply.close()
      return { done: true, value: undefined }
    },
    [Symbol.asyncIterator]: () => iterator,
  }
  return iterator
}

/**
 * Reads a non-streamed reply: at most `maxBytes` (counted as it arrives, after decompression), JSON, then a
 * cheap check of its shape (an object with a `choices` array of objects); the full schema is the caller's to
 * apply if it wants. A body that is not a completion is a {@link MalformedStreamError} that does not quote
 * it (an event stream says so: the route only streams); a 2xx body holding `{"error": …}` (some gateways
 * send that) is the typed error it describes.
 */
export async function readCompletion(reply: Reply, maxBytes: number): Promise<ChatCompletion> {
  const { status, headers } = reply.response
  if (/^\s*text\/event-stream/i.test(headers.get('content-type') ?? '')) {
    throw new MalformedStreamError(
      'The reply is an event stream (text/event-stream), not a JSON completion: this route only streams; ' +
        'call stream() instead of complete()',
      { status, headers },
    )
  }
  // One decoder for the pieces as they come: a character split between two pieces is decoded whole.
  const decoder = new TextDecoder()
  let text = ''
  let bytes = 0
  for await (const piece of readBody(reply)) {
    bytes += piece.byteLength
    if (bytes > maxBytes) {
      throw new ResponseTooLargeError(
        `The reply is larger than maxResponseBytes (${maxBytes} bytes); it was not read further`,
        { status, headers, limit: maxBytes },
      )
    }
    text += decoder.decode(piece, { stream: true })
  }
  text += decoder.decode()
  let body: unknown
  try {
    body = JSON.parse(text)
  } catch {
    throw new MalformedStreamError(
      `The reply is not valid JSON (${text.length === 0 ? 'an empty body' : `${text.length} characters`})`,
      { status, headers },
    )
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new MalformedStreamError('The reply is not a JSON object', { status })
  }
  const { choices, error } = body as { choices?: unknown; error?: unknown }
  if (error !== undefined && error !== null && choices === undefined) {
    const { errorFromBody } = await import('../error-from-body.js')
    throw errorFromBody(undefined, body, headers)
  }
  if (!Array.isArray(choices) || !choices.every(isChoice)) {
    throw new MalformedStreamError(
      'The reply is not a chat completion: it has no `choices` array of choices',
      { status },
    )
  }
  return foldReplyContent(body as ChatCompletion)
}

function isChoice(choice: unknown): boolean {
  if (typeof choice !== 'object' || choice === null) return false
  const { message } = choice as { message?: unknown }
  return typeof message === 'object' && message !== null
}
