import { createAccumulator } from '../accumulator.js'
import { decodeSSE } from '../decode-sse.js'
import type { DeltaListener } from '../delta-events.js'
import { type ChatError, MalformedStreamError } from '../errors.js'
import { type ItemSource, sourceOf } from '../item-source.js'
import { type ChunkStream, chunksOf } from '../read-chunks.js'
import type { ChatCompletionChunk } from '../schema/chunk.js'
import type { ChatRequest } from '../schema/request.js'
import type { ChatCompletion } from '../schema/response.js'
import { loadChunk } from './abort.js'
import type { CallContext } from './call-context.js'
import type { StreamEnd } from './chat-result.js'
import { readBody } from './read-body.js'
import { type Reply, sendRequest } from './send-request.js'

/** What {@link StreamRun.next} gives when the stream ended (the result is settled). */
export const END: unique symbol = Symbol('chatwire.streamEnd')

/** What the first `read()` resolves with: the request was sent and its body began. */
const STARTED: unique symbol = Symbol('chatwire.streamStarted')

/** Called once, when the run ends however it ends. */
export type Settle = (
  completion: ChatCompletion,
  end: StreamEnd | undefined,
  response: Response | undefined,
  error?: ChatError,
) => void

/**
 * One streamed request, read the way the decode path reads (see item-source.ts): `read()` is awaited once per
 * network read, and `next()` hands the chunks of that read over synchronously, one at a time, each folded into
 * the completion as it is handed over. So an abort takes effect at the next chunk, also within one read, and
 * a consumer that stops holds no chunk it was not given. One reader drives it, never two reads at once.
 */
export class StreamRun {
  private readonly accumulator = createAccumulator()
  private call: CallContext | undefined
  private reply: Reply | undefined
  private chunks: ChunkStream | undefined
  private source: ItemSource<ChatCompletionChunk> | undefined
  private batch: ChatCompletionChunk[] = []
  private at = 0
  /** What the source threw while handing over a batch: thrown once the chunks before it are folded in. */
  private pending: { error: unknown } | undefined
  private failure: ChatError | undefined
  private ended = false
  /** The call's signal aborted: a field read per chunk, where the signal's getter is a call. */
  private aborted = false
  private readonly onAbort = () => {
    this.aborted = true
  }
  /** The read in progress, for a stop that comes while it is. */
  reading: Promise<unknown> | undefined

  constructor(
    private readonly request: ChatRequest,
    private readonly open: () => CallContext,
    private readonly settle: Settle,
  ) {}

  /**
   * The next chunk at hand, folded in with its events given to `onEvent`; {@link END} once the stream ended
   * (the end's events, `tool_call.done` of calls left open, given to `onEvent` first); `undefined` when `read()`
   * must come first. Throws the stream's error, redacted, the result settled with it.
   */
  next(onEvent: DeltaListener | undefined): ChatCompletionChunk | typeof END | undefined {
    while (true) {
      // The common case first: a chunk at hand (a failure empties the batch).
      const batch = this.batch
      if (this.at < batch.length) {
        // Chunks already decoded are not delivered after an abort: it takes effect at the next chunk.
        if (this.aborted) throw this.fail((this.call as CallContext).signal.reason)
        const chunk = batch[this.at++] as ChatCompletionChunk
        try {
          this.accumulator.push(chunk, onEvent)
        } catch (error) {
          throw this.fail(error)
        }
        return chunk
      }
      if (this.failure !== undefined) throw this.failure
      if (this.ended) return END
      const source = this.source
      if (source === undefined) return undefined
      if (this.pending !== undefined) throw this.fail(this.pending.error)
      this.batch = []
      this.at = 0
      try {
        source.take(this.batch, Number.POSITIVE_INFINITY)
      } catch (error) {
        this.pending = { error }
      }
      if (this.batch.length === 0 && this.pending === undefined) {
        return source.ended ? this.end(onEvent) : undefined
      }
    }
  }

  /**
   * Sends the request (the first time) or starts the next read of the body. Give what it resolves with to
   * {@link StreamRun.accept}, and what it rejects with to {@link StreamRun.readFailed}: split so that a reader
   * awaits the read itself, with no promise between (this runs once per network read). Every stage under the
   * run hands the body reader's own promise up (item-source.ts), so what it settles with is the reader's,
   * checked here by the reply.
   */
  read(): Promise<unknown> {
    const reading = this.source === undefined ? this.start() : this.source.read()
    this.reading = reading
    return reading
  }

  /** `read()` then `accept()`, for a reader that reads a whole batch per read (a relay). */
  async advance(): Promise<void> {
    let read: unknown
    try {
      read = await this.read()
    } catch (error) {
      throw this.readFailed(error)
    }
    this.accept(read)
  }

  /** Takes in what `read()` resolved with. Throws the stream's error, redacted, the result settled with it. */
  accept(read: unknown): void {
    this.reading = undefined
    const source = this.source
    if (read === STARTED || source === undefined || this.settled) return
    try {
      source.accept((this.reply as Reply).received(read as ReadableStreamReadResult<Uint8Array>))
    } catch (error) {
      throw this.fail(error)
    }
  }

  /** Ends the run with what `read()` rejected with, as the reply names it (an abort, a lost connection). */
  readFailed(error: unknown): ChatError {
    this.reading = undefined
    return this.fail(this.reply === undefined || this.failure !== undefined ? error : this.reply.lost(error))
  }

  private async start(): Promise<typeof STARTED> {
    const call = this.open()
    this.call = call
    if (call.signal.aborted) this.onAbort()
    else call.signal.addEventListener('abort', this.onAbort, { once: true })
    try {
      if (call.signal.aborted) throw call.signal.reason
      const checked = call.options.validate ? await call.validate(this.request, call) : this.request
      const reply = await sendRequest(call, checked, true)
      this.reply = reply
      if (!isEventStream(reply.response)) {
        // Its words load now (within `timeout`, a minute at least: the stream's deadline ended with its first
        // byte); without them it is the same MalformedStreamError, saying less.
        const refusal = await loadChunk(
          import('./not-an-event-stream.js'),
          call.signal,
          call.options,
          (cause) =>
            new MalformedStreamError(`The reply of ${call.endpoint.name} is not an event stream`, { cause }),
        )
        throw refusal.notAnEventStream(reply.response, call.endpoint.name)
      }
      const limits = {
        maxLineLength: call.options.maxEventLength,
        maxEventLength: call.options.maxEventLength,
      }
      // The error path's load is bounded like every lazy load, and raced with the signal (no read of the body waits).
      // An error the stream sends is redacted as a non-2xx body is, every string of it (content-filter results
      // a hostile server filled with the key included): the error may be relayed to a browser as it is.
      this.chunks = chunksOf(decodeSSE(readBody(reply), limits), async () => {
        const [{ errorFromBody }, { redactValues }] = await loadChunk(
          Promise.all([import('../error-from-body.js'), import('../redact-values.js')]),
          call.signal,
          call.options,
        )
        return {
          errorFromBody: (status, body, headers) =>
            errorFromBody(status, redactValues(body, call.redact), headers),
        }
      })
      this.source = sourceOf(this.chunks)
      return STARTED
    } catch (error) {
      throw this.fail(error)
    }
  }

  /** Whether the run is over: ended, or failed. */
  get settled(): boolean {
    return this.ended || this.failure !== undefined
  }

  private end(onEvent: DeltaListener | undefined): typeof END {
    this.ended = true
    // Freed before the end is reported: a reader may never ask past it, and the idle timer must not outlive it.
    this.close()
    const chunks = this.chunks as ChunkStream
    const completion = this.accumulator.finish(onEvent)
    this.settle(completion, { sawDone: chunks.sawDone, truncated: chunks.truncated }, this.reply?.response)
    return END
  }

  /** Whether `data: [DONE]` arrived (known once the stream ended). */
  get sawDone(): boolean {
    return this.chunks?.sawDone === true
  }

  /** Whether the bytes ended inside a frame (known once the stream ended). */
  get truncated(): boolean {
    return this.chunks?.truncated === true
  }

  /**
   * Ends the run with `error`: settles with it, redacted, stops reading, and gives it back to throw. The partial
   * completion is kept once the reply began. Used inside, and by a view that cannot go on (a relay that cannot
   * encode a chunk).
   */
  fail(error: unknown): ChatError {
    if (this.failure !== undefined) return this.failure
    const call = this.call as CallContext
    const snapshot = this.accumulator.snapshot()
    const reply = this.reply?.response
    const failure = call.fail(error, reply === undefined ? undefined : snapshot, reply)
    this.failure = failure
    this.batch = []
    this.at = 0
    this.close()
    if (this.source !== undefined && !this.source.ended) this.source.stop().catch(() => {})
    this.settle(snapshot, undefined, reply, failure)
    return failure
  }

  private close(): void {
    this.reply?.close()
    this.call?.signal.removeEventListener('abort', this.onAbort)
    this.call?.close()
  }
}

/** Whether a 2xx reply is an event stream, as a stream request asks (its refusal loads with the first that is not). */
function isEventStream(response: Response): boolean {
  const type = response.headers.get('content-type')
  return type?.split(';', 1)[0]?.trim().toLowerCase() === 'text/event-stream'
}
