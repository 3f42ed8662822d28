import type { SSEEvent } from './decode-sse.js'
import { errorFromBody } from './error-from-body.js'
import { MalformedStreamError } from './errors.js'
import type { ChatCompletionChunk } from './schema/chunk.js'

/**
 * The chunks of a stream, plus whether the stream ended as the protocol says it must.
 * Iteration ends normally in two cases, told apart by `sawDone`:
 * - `data: [DONE]` arrived: `sawDone` is `true`, and the source has been released (its `return()` called,
 *   not awaited) so the socket is freed even when the server keeps it open;
 * - the source ended first: `sawDone` stays `false`. Nothing is thrown for that here, so that the caller
 *   keeps every chunk and decides; pass `sawDone` as `complete` to {@link outcome} to get `incomplete`.
 */
export interface ChunkStream extends AsyncIterableIterator<ChatCompletionChunk> {
  /** `true` once `data: [DONE]` was read. */
  readonly sawDone: boolean
}

/**
 * SSE events → `chat.completion.chunk` objects, with the stream's rules:
 * - `data` exactly `[DONE]` ends it (the spec's data is exact: `[DONE]x` or `[DONE] more` is a
 *   {@link MalformedStreamError}, so a forged prefix cannot end a stream early);
 * - an `event: error` frame, or a payload with a non-null `error`, is thrown as the typed error from
 *   {@link errorFromBody}, after every chunk before it was delivered;
 * - a payload that is not JSON, or not a JSON object, is a {@link MalformedStreamError} that names the event
 *   by number and never quotes the payload (it may hold the user's text);
 * - events with another name (`event: ping`) are skipped.
 * Only `JSON.parse` and a cheap shape check run per chunk; the whole completion is validated once, at the end.
 */
export function readChunks(events: AsyncIterable<SSEEvent>): ChunkStream {
  const state = { sawDone: false }
  const chunks = iterate(events, state)
  Object.defineProperty(chunks, 'sawDone', { get: () => state.sawDone, enumerable: true })
  return chunks as ChunkStream
}

async function* iterate(
  events: AsyncIterable<SSEEvent>,
  state: { sawDone: boolean },
): AsyncGenerator<ChatCompletionChunk, void, undefined> {
  const source = events[Symbol.asyncIterator]()
  // A source that ended or threw is finished; only one left half-read is released.
  let open = true
  let number = 0
  try {
    while (true) {
      let next: IteratorResult<SSEEvent>
      try {
        next = await source.next()
      } catch (error) {
        open = false
        throw error
      }
      if (next.done === true) {
        open = false
        return
      }
      number += 1
      const { event, data } = next.value
      if (event === 'error') throw errorFromBody(undefined, data)
      if (event !== undefined && event !== '' && event !== 'message') continue
      if (data === '[DONE]') {
        state.sawDone = true
        return
      }
      const chunk = parseChunk(data, number)
      if ('error' in chunk && chunk.error !== null && chunk.error !== undefined) {
        throw errorFromBody(undefined, chunk)
      }
      yield chunk
    }
  } finally {
    if (open) release(source)
  }
}

/**
 * Frees the source without waiting: after `[DONE]` a server may hold the connection open, and a `return()`
 * that waits for the socket to close would hold the caller with it. A failure to clean up is not the caller's.
 */
function release(source: AsyncIterator<SSEEvent>): void {
  try {
    Promise.resolve(source.return?.()).catch(() => {})
  } catch {
    // A synchronous throw from return() is the same cleanup failure.
  }
}

function parseChunk(data: string, number: number): ChatCompletionChunk {
  if (data.startsWith('[DONE]')) {
    throw new MalformedStreamError(
      `Malformed stream: event ${number} starts with [DONE] but is not exactly [DONE]`,
    )
  }
  let payload: unknown
  try {
    payload = JSON.parse(data)
  } catch (error) {
    throw new MalformedStreamError(
      `Malformed stream: event ${number} is not valid JSON (${jsonErrorKind(error)})`,
    )
  }
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
    const kind = payload === null ? 'null' : Array.isArray(payload) ? 'an array' : `a ${typeof payload}`
    throw new MalformedStreamError(`Malformed stream: event ${number} is ${kind}, not a JSON object`)
  }
  const { choices } = payload as { choices?: unknown }
  if (choices !== undefined && !Array.isArray(choices)) {
    throw new MalformedStreamError(`Malformed stream: event ${number} has "choices" that is not an array`)
  }
  return payload as ChatCompletionChunk
}

// Engines quote the offending text in their messages ("Unexpected token 'x', "xyz…" is not valid JSON"), so
// only the kind of fault and its position are kept.
function jsonErrorKind(error: unknown): string {
  const message = error instanceof Error ? error.message : ''
  const at = /position (\d+)/.exec(message)?.[1]
  const where = at === undefined ? '' : ` at position ${at}`
  if (/end of (?:JSON )?input|unterminated/i.test(message)) return `unexpected end of input${where}`
  if (/after JSON/i.test(message)) return `unexpected data after the JSON value${where}`
  return `syntax error${where}`
}
