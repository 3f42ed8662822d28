import { type Batched, batchesOf, nextBatch, type SSEEvent } from './decode-sse.js'
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
  // Written out rather than as an async generator, which would cost a yield and an await per chunk: events
  // arrive in batches (one per network read) and are turned into chunks only as they are asked for, so every
  // chunk before a bad event is delivered before its error is thrown.
  const source = events[Symbol.asyncIterator]()
  const readEvents = batchesOf(source)
  let buffer: readonly SSEEvent[] = []
  let at = 0
  let number = 0
  let sawDone = false
  /** `[DONE]`, an error, the source's end or `return()` was reached: no more chunks. */
  let finished = false
  /** An error met while reading ahead for a batch, thrown once the chunks before it were taken. */
  let failure: { error: unknown } | undefined
  let busy: Promise<unknown> | undefined

  /** The next chunk in the buffer, or `undefined` when the buffer ran out or the stream finished. */
  function step(): ChatCompletionChunk | undefined {
    while (!finished && at < buffer.length) {
      number += 1
      const { event, data } = buffer[at++] as SSEEvent
      try {
        if (event === 'error') throw errorFromBody(undefined, data)
        if (event !== undefined && event !== '' && event !== 'message') continue
        if (data === '[DONE]') {
          sawDone = true
          finish(true)
          return undefined
        }
        const chunk = parseChunk(data, number)
        if ('error' in chunk && chunk.error !== null && chunk.error !== undefined) {
          throw errorFromBody(undefined, chunk)
        }
        return chunk
      } catch (error) {
        failure = { error }
        finish(true)
      }
    }
    return undefined
  }

  // A source that ended or threw is finished; only one left half-read is released.
  function finish(release: boolean): void {
    if (!finished && release) releaseSource(source)
    finished = true
    buffer = []
  }

  function rethrow(): never {
    const { error } = failure as { error: unknown }
    failure = undefined
    throw error
  }

  /** Reads events until `take` has something to give: chunks, the end, or an error. */
  async function refill<T>(take: () => T | undefined): Promise<T> {
    try {
      while (true) {
        try {
          buffer = await readEvents()
        } catch (error) {
          finish(false)
          throw error
        }
        at = 0
        if (buffer.length === 0) finish(false)
        const taken = take()
        if (taken !== undefined) return taken
      }
    } finally {
      busy = undefined
    }
  }

  /** Runs `take` on the buffer; `undefined` from it means "read more events and try again". */
  function whenTaken<T>(take: () => T | undefined): Promise<T> {
    // Calls made before the previous one settled wait their turn, as they would with a generator.
    if (busy !== undefined) {
      const again = () => whenTaken(take)
      return busy.then(again, again)
    }
    let taken: T | undefined
    try {
      taken = take()
    } catch (error) {
      return Promise.reject(error)
    }
    if (taken !== undefined) return Promise.resolve(taken)
    busy = refill(take)
    return busy as Promise<T>
  }

  const takeOne = (): IteratorResult<ChatCompletionChunk> | undefined => {
    const chunk = step()
    if (chunk !== undefined) return { done: false, value: chunk }
    if (failure !== undefined) return rethrow()
    return finished ? END : undefined
  }
  const takeAll = (): readonly ChatCompletionChunk[] | undefined => {
    const chunks: ChatCompletionChunk[] = []
    for (let chunk = step(); chunk !== undefined; chunk = step()) chunks.push(chunk)
    if (chunks.length > 0) return chunks
    if (failure !== undefined) return rethrow()
    return finished ? chunks : undefined
  }

  const stream: ChunkStream & Batched<ChatCompletionChunk> = {
    get sawDone() {
      return sawDone
    },
    next: () => whenTaken(takeOne),
    [nextBatch]: () => whenTaken(takeAll),
    async return() {
      finish(true)
      failure = undefined
      return END
    },
    [Symbol.asyncIterator]: () => stream,
  }
  return stream
}

const END = { done: true, value: undefined } as const

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
