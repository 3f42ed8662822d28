import type { DeltaEvent } from '../delta-events.js'
import type { ChatRequest } from '../schema/request.js'
import { consumerStopped } from './abort.js'
import type { CallContext } from './call-context.js'
import { type ChatResult, resultOf } from './chat-result.js'
import { END, StreamRun } from './stream-run.js'

/**
 * A streamed chat completion, read once: iterate its {@link DeltaEvent}s, or take one view of it
 * ({@link toReadableStream} for the events as a `ReadableStream`, {@link toSSE} for its chunks as SSE bytes to
 * relay); then (or instead) `await final()`.
 *
 * - Lazy: nothing is sent until it is first read (iteration, `final()`, a view's first read).
 * - Read once: a second iteration or view throws a `TypeError` instead of sending the request again.
 *   `final()` works alongside the one reader; called first, it reads the stream itself, unless a reader (an
 *   iteration, a view) claims the stream in the same synchronous code. Once a reader has it, `final()` settles
 *   when that reader ends: a view nobody pulls (a relay's body the runtime dropped) settles on `abort()` or
 *   its cancel, so give a relay the request's signal.
 * - Errors: iteration (and the views) throw the typed {@link ChatError}, which carries the `partial`
 *   completion once the reply began, after every event before it. `final()` never rejects: it resolves
 *   with outcome `error` (holding the same error), or with the finish reason, or `incomplete` (a choice
 *   left open, a body cut mid-frame: iteration ended normally), so callers branch on values. A reply that
 *   is not `text/event-stream` is a `MalformedStreamError` naming its content type; a line or event longer
 *   than `maxEventLength` a `StreamLimitError`.
 * - Stopping early (`break`, a cancelled view) aborts the request; the outcome is then an `AbortError`.
 */
export interface ChatStream extends AsyncIterable<DeltaEvent> {
  /** The completion and its outcome once the stream ended, however it ended. Never rejects. */
  final(): Promise<ChatResult>
  /** Aborts the request; reading then throws an `AbortError` whose `reason` is this one. */
  abort(reason?: unknown): void
}

/** How a view of a stream (stream-views.ts) reads it: it claims the run as an iteration does. */
export const claimRun: unique symbol = Symbol('chatwire.claimRun')

/** What a stream made by {@link createChatStream} holds beside its public members. */
export interface ChatStreamInternals {
  /** Claims the stream for the view named `by`; `stop` ends its reading early, aborting with `reason`. */
  [claimRun](by: string): { run: StreamRun; stop(reason?: unknown): Promise<void> }
}

/**
 * Creates the stream of one request. `open` links the caller's signals to the stream's controller and
 * gives the call's context; it runs when the stream is first read.
 */
export function createChatStream(
  request: ChatRequest,
  open: (controller: AbortController) => CallContext,
): ChatStream {
  const controller = new AbortController()
  let resolveResult!: (result: ChatResult) => void
  const result = new Promise<ChatResult>((resolve) => {
    resolveResult = resolve
  })
  let reader: string | undefined
  let run: StreamRun | undefined

  function claim(by: string): StreamRun {
    if (reader !== undefined) {
      throw new TypeError(
        `This ChatStream is already read by ${reader}: a stream is read once, so that its request is sent once. ` +
          'Iterate it (or take one view), then await final() for the result',
      )
    }
    reader = by
    run = new StreamRun(
      request,
      () => open(controller),
      (completion, end, response, error) => resolveResult(resultOf(completion, end, response, error)),
    )
    return run
  }

  /** Ends the reading early: aborts unless the stream already ended, then runs it out so that it settles. */
  async function stop(reason: unknown = consumerStopped()): Promise<void> {
    if (run === undefined) return
    if (!run.settled) controller.abort(reason)
    await drain(run)
  }

  const stream: ChatStream & ChatStreamInternals = {
    [Symbol.asyncIterator]: () => eventsOf(claim('an iteration'), stop),
    final() {
      // Read by final() from the next microtask on, unless a reader claims it first: a route may ask for the
      // result and then return a view of the stream (`void stream.final().then(save); return toSSEResponse(stream)`).
      // A second final() before then finds the stream claimed by the first.
      if (reader === undefined) {
        queueMicrotask(() => {
          if (reader === undefined) void drain(claim('final()'))
        })
      }
      return result
    },
    abort(reason?: unknown) {
      controller.abort(reason)
      // A reader that claimed the stream but is not reading (a view no runtime pulls) would leave final() pending.
      if (run !== undefined && !run.settled && run.reading === undefined) void drain(run)
    },
    [claimRun]: (by) => ({ run: claim(by), stop }),
  }
  return stream
}

const DONE = { done: true, value: undefined } as const

/**
 * The events of the run, one per `next()`: the events of the chunk at hand come without waiting, and a
 * read is awaited only when none is left. `return()` (a `break`) stops the stream through `stop`. Calls made
 * before the previous one settled wait their turn; after an error it is done, as a generator would be.
 */
export function eventsOf(run: StreamRun, stop: () => Promise<void>): AsyncIterableIterator<DeltaEvent> {
  // The events of the chunk at hand: `queue[at]` up to `queue[count - 1]`. Counted rather than truncated,
  // since setting an array's length costs a runtime call per chunk.
  const queue: DeltaEvent[] = []
  let count = 0
  let at = 0
  const listen = (event: DeltaEvent) => {
    queue[count++] = event
  }
  let ended = false
  let busy: Promise<unknown> | undefined

  /** The next event at hand; `undefined` when a read must come first. */
  function take(): IteratorResult<DeltaEvent> | undefined {
    while (true) {
      if (at < count) return { done: false, value: queue[at++] as DeltaEvent }
      count = 0
      at = 0
      if (ended) return DONE
      try {
        const next = run.next(listen)
        if (next === undefined) return undefined
        // The end's own events (tool calls left open) come before the end.
        if (next === END) ended = true
      } catch (error) {
        // The events of the chunk that failed are dropped with it: after the error the iteration is done.
        count = 0
        ended = true
        throw error
      }
    }
  }

  async function readThenTake(): Promise<IteratorResult<DeltaEvent>> {
    try {
      while (true) {
        let read: unknown
        try {
          read = await run.read()
        } catch (error) {
          ended = true
          throw run.readFailed(error)
        }
        try {
          run.accept(read)
        } catch (error) {
          ended = true
          throw error
        }
        const taken = take()
        if (taken !== undefined) return taken
      }
    } finally {
      busy = undefined
    }
  }

  function next(): Promise<IteratorResult<DeltaEvent>> {
    // The common case first: an event of the chunk at hand (none is queued while a read is in progress).
    if (at < count) return Promise.resolve({ done: false, value: queue[at++] as DeltaEvent })
    if (busy !== undefined) return busy.then(next, next)
    let taken: IteratorResult<DeltaEvent> | undefined
    try {
      taken = take()
    } catch (error) {
      return Promise.reject(error)
    }
    if (taken !== undefined) return Promise.resolve(taken)
    const reading = readThenTake()
    busy = reading
    return reading
  }

  const iterator: AsyncIterableIterator<DeltaEvent> = {
    next,
    async return(): Promise<IteratorResult<DeltaEvent>> {
      await stop()
      return DONE
    },
    [Symbol.asyncIterator]: () => iterator,
  }
  return iterator
}

/** Runs the stream to its end, ignoring the error it ends with (it is in the outcome). */
async function drain(run: StreamRun): Promise<void> {
  try {
    // A stop that comes during a read waits for it: one read at a time.
    if (run.reading !== undefined) await run.reading.catch(() => {})
    while (true) {
      const next = run.next(undefined)
      if (next === END) return
      if (next === undefined) {
        // Read and accepted here rather than through `advance()`, whose own promise would be one more per read.
        let read: unknown
        try {
          read = await run.read()
        } catch (error) {
          throw run.readFailed(error)
        }
        run.accept(read)
      }
    }
  } catch {
    // Reported through final().
  }
}
