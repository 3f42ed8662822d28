import { errorFromBody } from '../error-from-body.js'
import { ConnectionError, MalformedStreamError } from '../errors.js'
import { foldReplyContent } from '../reply-content.js'
import type { ChatCompletion } from '../schema/response.js'
import type { Reply } from './send-request.js'

/**
 * The pieces of a 2xx reply's body. Each piece restarts the idle timer. When the reply's signal aborts (the
 * caller, or the idle timer), the read ends at once with the signal's reason, even if the `fetch` in use does
 * not honour signals; a read that fails otherwise (a reset socket) is a {@link ConnectionError}. Stopping early
 * cancels the body, which frees the connection.
 */
export async function* readBody(reply: Reply): AsyncGenerator<Uint8Array, void, undefined> {
  const { body } = reply.response
  if (body === null) return
  const reader = body.getReader()
  const { signal } = reply
  // One listener per body, not one per read: cancelling makes a pending read() resolve as done.
  const onAbort = () => void reader.cancel(signal.reason).catch(() => {})
  signal.addEventListener('abort', onAbort, { once: true })
  let drained = false
  try {
    while (true) {
      let result: ReadableStreamReadResult<Uint8Array>
      try {
        result = await reader.read()
      } catch (error) {
        if (signal.aborted) throw signal.reason
        throw new ConnectionError('The connection was lost while reading the reply', { cause: error })
      }
      if (signal.aborted) throw signal.reason
      if (result.done) {
        drained = true
        return
      }
      reply.touch()
      yield result.value
    }
  } finally {
    signal.removeEventListener('abort', onAbort)
    if (drained) reader.releaseLock()
    else void reader.cancel().catch(() => {})
  }
}

/**
 * Reads a non-streamed reply: JSON, then a cheap check of its shape (an object with a `choices` array of
 * objects); the full schema is the caller's to apply if it wants. A body that is not a completion is a
 * {@link MalformedStreamError} that does not quote it; a 2xx body holding `{"error": …}` (some gateways send
 * that) is the typed error it describes.
 */
export async function readCompletion(reply: Reply): Promise<ChatCompletion> {
  const pieces: Uint8Array[] = []
  for await (const piece of readBody(reply)) pieces.push(piece)
  const text = new TextDecoder().decode(concat(pieces))
  let body: unknown
  try {
    body = JSON.parse(text)
  } catch {
    throw new MalformedStreamError(
      `The reply is not valid JSON (${text.length === 0 ? 'an empty body' : `${text.length} characters`})`,
      { status: reply.response.status, headers: reply.response.headers },
    )
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new MalformedStreamError('The reply is not a JSON object', { status: reply.response.status })
  }
  const { choices, error } = body as { choices?: unknown; error?: unknown }
  if (error !== undefined && error !== null && choices === undefined) {
    throw errorFromBody(undefined, body, reply.response.headers)
  }
  if (!Array.isArray(choices) || !choices.every(isChoice)) {
    throw new MalformedStreamError(
      'The reply is not a chat completion: it has no `choices` array of choices',
      {
        status: reply.response.status,
      },
    )
  }
  return foldReplyContent(body as ChatCompletion)
}

function isChoice(choice: unknown): boolean {
  if (typeof choice !== 'object' || choice === null) return false
  const { message } = choice as { message?: unknown }
  return typeof message === 'object' && message !== null
}

function concat(pieces: readonly Uint8Array[]): Uint8Array {
  if (pieces.length === 1) return pieces[0] as Uint8Array
  const whole = new Uint8Array(pieces.reduce((sum, piece) => sum + piece.length, 0))
  let offset = 0
  for (const piece of pieces) {
    whole.set(piece, offset)
    offset += piece.length
  }
  return whole
}
