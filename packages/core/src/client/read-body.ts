import { errorFromBody } from '../error-from-body.js'
import { ConnectionError, MalformedStreamError } from '../errors.js'
import type { ChatCompletion } from '../schema/response.js'
import type { Reply } from './send-request.js'

/**
 * The pieces of a 2xx reply's body. Each piece restarts the idle timer. When the reply's signal aborts (the
 * caller, or the idle timer), the read ends at once with the signal's reason, even if the `fetch` in use does
 * not honour signals; a read that fails otherwise (a reset socket) is a {@link ConnectionError}. Stopping early
 * cancels the body, which frees the connection. Written out rather than as an async generator, whose every
 * piece would cost two more promises and turns of the microtask queue (this runs once per network read).
 */
export function readBody(reply: Reply): AsyncIterableIterator<Uint8Array, void> {
  const { body } = reply.response
  const { signal } = reply
  let reader: ReadableStreamDefaultReader<Uint8Array> | undefined
  let finished = body === null
  // One listener per body, not one per read: cancelling makes a pending read() resolve as done.
  const onAbort = () => void reader?.cancel(signal.reason).catch(() => {})

  function finish(drained: boolean): void {
    if (finished) return
    finished = true
    signal.removeEventListener('abort', onAbort)
    if (drained) reader?.releaseLock()
    else void reader?.cancel().catch(() => {})
  }

  const iterator: AsyncIterableIterator<Uint8Array, void> = {
    next() {
      if (finished) return Promise.resolve(DONE)
      if (reader === undefined) {
        reader = (body as ReadableStream<Uint8Array>).getReader()
        signal.addEventListener('abort', onAbort, { once: true })
      }
      return reader.read().then(
        (result) => {
          if (signal.aborted) {
            finish(false)
            throw signal.reason
          }
          if (result.done) {
            finish(true)
            return DONE
          }
          reply.touch()
          return result
        },
        (error: unknown) => {
          finish(false)
          if (signal.aborted) throw signal.reason
          throw new ConnectionError('The connection was lost while reading the reply', { cause: error })
        },
      )
    },
    async return() {
      finish(false)
      return DONE
    },
    [Symbol.asyncIterator]: () => iterator,
  }
  return iterator
}

const DONE = { done: true, value: undefined } as const

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
  return body as ChatCompletion
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
