import type { SSEEvent } from './decode-sse.js'
import { ChatError, MalformedStreamError } from './errors.js'
import { iterateSource, sourceOf } from './item-source.js'
import { jsonErrorKind } from './json-error-kind.js'
import type { ChatCompletionChunk } from './schema/chunk.js'

/**
 * The chunks of a stream, plus how the stream ended. Iteration ends normally when:
 * - `data: [DONE]` arrived: `sawDone` is `true`, and the source has been released (its `return()` called,
 *   not awaited) so the socket is freed even when the server keeps it open;
 * - the source ended first: `sawDone` stays `false`. That alone is no fault (proxies drop `[DONE]`; the
 *   `openai` SDK and the AI SDK go by the finish reasons too): {@link outcome} gives each choice its finish
 *   reason, and `incomplete` for a choice that has none. When the bytes ended inside a frame, `truncated`
 *   is `true`: pass it to {@link outcome}, which then says `incomplete` (`truncated`).
 */
export interface ChunkStream extends AsyncIterableIterator<ChatCompletionChunk> {
  /** `true` once `data: [DONE]` was read. */
  readonly sawDone: boolean
  /**
   * `true` when the events came from {@link decodeSSE} and its bytes ended inside a frame (the connection was
   * cut mid-event): the half event was dropped, and what came before is all there is.
   */
  readonly truncated: boolean
}

/**
 * SSE events → `chat.completion.chunk` objects, with the stream's rules:
 * - `data` exactly `[DONE]` ends it (the spec's data is exact: `[DONE]x` or `[DONE] more` is a
 *   {@link MalformedStreamError}, so a forged prefix cannot end a stream early);
 * - an `event: error` frame, or a payload with a non-null `error`, is thrown as the typed error from
 *   from `errorFromBody`, after every chunk before it was delivered (on the read after them, which loads the
 *   error path: an app's bundle holds it in a lazy chunk);
 * - a payload that is not JSON, or not a JSON object, is a {@link MalformedStreamError} that names the event
 *   by number and never quotes the payload (it may hold the user's text);
 * - events with another name (`event: ping`) are skipped.
 * Only `JSON.parse` and a cheap shape check run per chunk; the whole completion is validated once, at the end.
 */
export function readChunks(events: AsyncIterable<SSEEvent>): ChunkStream {
  return chunksOf(events, () => import('./error-from-body.js'))
}

/**
 * {@link readChunks}, with the load of the error path given: a client's stream bounds it by the call's timers
 * and races it with the call's signal, since no read of the body waits meanwhile.
 */
export function chunksOf(
  events: AsyncIterable<SSEEvent>,
  loadErrorPath: () => Promise<Pick<typeof import('./error-from-body.js'), 'errorFromBody'>>,
): ChunkStream {
  const iterator = events[Symbol.asyncIterator]()
  const source = sourceOf(iterator)
  let buffer: SSEEvent[] = []
  let at = 0
  let number = 0
  let sawDone = false
  /** `[DONE]`, a bad event or `return()` came, and the source was released: no more chunks. */
  let finished = false
  /** The body of an error the stream sent: the next read throws it, typed, once the chunks before it are taken. */
  let failing: { body: unknown } | undefined

  function finish(): void {
    if (!finished) releaseSource(iterator)
    finished = true
  }

  // Events are turned into chunks one at a time, as they are asked for, so that the chunks before a bad
  // event are delivered before its error and `sawDone` turns true when the reader reaches `[DONE]`.
  function nextChunk(): ChatCompletionChunk | undefined {
    while (!finished && failing === undefined) {
      if (at === buffer.length) {
        buffer = []
        at = 0
        source.take(buffer, Number.POSITIVE_INFINITY)
        if (buffer.length === 0) return undefined
      }
      number += 1
      const { event, data } = buffer[at++] as SSEEvent
      if (event === 'error') {
        failing = { body: data }
        return undefined
      }
      if (event !== undefined && event !== '' && event !== 'message') continue
      if (data === '[DONE]') {
        sawDone = true
        finish()
        return undefined
      }
      const chunk = parseChunk(data, number)
      if ('error' in chunk && chunk.error !== null && chunk.error !== undefined) {
        failing = { body: chunk }
        return undefined
      }
      return chunk
    }
    return undefined
  }

  const chunks = iterateSource<ChatCompletionChunk, unknown>({
    read: () => (failing === undefined ? source.read() : streamError(failing.body, finish, loadErrorPath)),
    accept: (read) => source.accept(read),
    take(into, max) {
      try {
        while (into.length < max) {
          const chunk = nextChunk()
          if (chunk === undefined) return
          into.push(chunk)
        }
      } catch (error) {
        finish()
        throw error
      }
    },
    get ended() {
      // An error the stream sent is thrown by a read, even when it was the last event.
      return failing === undefined && (finished || source.ended)
    },
    async stop() {
      finish()
    },
  })
  Object.defineProperty(chunks, 'sawDone', { get: () => sawDone, enumerable: true })
  // Read from decodeSSE's iterator, which knows how its bytes ended; any other source of events cannot tell.
  const decoded = iterator as { truncated?: unknown }
  Object.defineProperty(chunks, 'truncated', {
    get: () => !sawDone && decoded.truncated === true,
    enumerable: true,
  })
  return chunks as typeof chunks & ChunkStream
}

/** The typed error of an error sent inside the stream, the source released first. */
async function streamError(
  body: unknown,
  finish: () => void,
  load: () => Promise<Pick<typeof import('./error-from-body.js'), 'errorFromBody'>>,
): Promise<never> {
  finish()
  let errorFromBody: typeof import('./error-from-body.js').errorFromBody
  try {
    ;({ errorFromBody } = await load())
  } catch (cause) {
    // A chunk of the app that did not load: said as such, typed, so that no reader takes it for a lost
    // connection (and retries a request the service answered).
    throw new ChatError('The stream sent an error, and the code that reads it could not load', { cause })
  }
  throw errorFromBody(undefined, body)
}

/**
 * Frees the source without waiting: after `[DONE]` a server may hold the connection open, and a `return()`
 * that waits for the socket to close would hold the caller with it. A failure to clean up is not the caller's.
 */
function releaseSource(source: AsyncIterator<SSEEvent>): void {
  try {
    Promise.resolve(source.return?.()).catch(() => {})
  } catch {
    // A synchronous throw from return() is the same cleanup failure.
  }
}

function parseChunk(data: string, number: number): ChatCompletionChunk {
  let payload: unknown
  try {
    payload = JSON.parse(data)
  } catch (error) {
    // Checked only here, off the path of every chunk: no text that starts with `[DONE]` is JSON.
    if (data.startsWith('[DONE]')) {
      throw new MalformedStreamError(
        `Malformed stream: event ${number} starts with [DONE] but is not exactly [DONE]`,
      )
    }
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
