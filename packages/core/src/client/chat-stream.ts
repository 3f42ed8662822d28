import { createAccumulator } from '../accumulator.js'
import { decodeSSE } from '../decode-sse.js'
import type { DeltaEvent } from '../delta-events.js'
import type { ChatError } from '../errors.js'
import { readChunks } from '../read-chunks.js'
import type { ChatCompletionChunk } from '../schema/chunk.js'
import type { ChatRequest } from '../schema/request.js'
import type { ChatCompletion } from '../schema/response.js'
import { validateRequest } from '../validate-request.js'
import { consumerStopped } from './abort.js'
import type { CallContext } from './call-context.js'
import { type ChatResult, resultOf } from './chat-result.js'
import { readBody } from './read-body.js'
import { type Reply, sendRequest } from './send-request.js'
import { createFrameWriter } from './sse-frames.js'

/**
 * A streamed chat completion, read once: iterate its {@link DeltaEvent}s, or read them as a
 * `ReadableStream`, or relay its chunks as SSE bytes; then (or instead) `await final()`.
 *
 * - Lazy: nothing is sent until it is first read (iteration, `final()`, a view's first read).
 * - Read once: a second iteration or view throws a `TypeError` instead of sending the request again.
 *   `final()` works alongside the one reader; called first, it reads the stream itself.
 * - Errors: iteration (and the views) throw the typed {@link ChatError}, which carries the `partial`
 *   completion once the reply began, after every event before it. `final()` never rejects: it resolves
 *   with outcome `error` (holding the same error) or `incomplete` (no `[DONE]`: iteration ended normally),
 *   so callers branch on values.
 * - Stopping early (`break`, a cancelled view) aborts the request; the outcome is then an `AbortError`.
 */
export interface ChatStream extends AsyncIterable<DeltaEvent> {
  /** The completion and its outcome once the stream ended, however it ended. Never rejects. */
  final(): Promise<ChatResult>
  /** The events as a `ReadableStream`; cancelling it aborts the request. */
  toReadableStream(): ReadableStream<DeltaEvent>
  /**
   * The chunks as received, re-encoded as SSE bytes for a server to relay: `data: [DONE]` only if the service
   * sent it, and an error as an `event: error` frame (`{"error": {message, type, code, status}}`, redacted)
   * before the end. Cancelling it (the browser left) aborts the request upstream.
   */
  toSSE(): ReadableStream<Uint8Array>
  /** Aborts the request; reading then throws an `AbortError` whose `reason` is this one. */
  abort(reason?: unknown): void
}

/** One chunk as received with the events it gave; the last step has no chunk and tells whether `[DONE]` came. */
interface Step {
  chunk: ChatCompletionChunk | undefined
  events: DeltaEvent[]
  complete: boolean
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
  let settled = false
  let reader: string | undefined
  let steps: AsyncGenerator<Step, void, undefined> | undefined

  let response: Response | undefined

  function settle(completion: ChatCompletion, complete: boolean, error?: ChatError): void {
    if (settled) return
    settled = true
    resolveResult(resultOf(completion, complete, response, error))
  }

  async function* run(): AsyncGenerator<Step, void, undefined> {
    const accumulator = createAccumulator()
    const call = open(controller)
    let reply: Reply | undefined
    try {
      if (call.signal.aborted) throw call.signal.reason
      const checked = call.options.validate ? validateRequest(request) : request
      reply = await sendRequest(call, checked, true)
      response = reply.response
      const chunks = readChunks(decodeSSE(readBody(reply)))
      for await (const chunk of chunks) {
        // Chunks already decoded are not delivered after an abort: it takes effect at the next chunk.
        if (call.signal.aborted) throw call.signal.reason
        const events: DeltaEvent[] = []
        accumulator.push(chunk, (event) => events.push(event))
        yield { chunk, events, complete: false }
      }
      // Freed before the last step: a reader may never ask past it, and the idle timer must not outlive the body.
      reply.close()
      call.close()
      const events: DeltaEvent[] = []
      settle(
        accumulator.finish((event) => events.push(event)),
        chunks.sawDone,
      )
      yield { chunk: undefined, events, complete: chunks.sawDone }
    } catch (error) {
      const failure = call.fail(error, reply === undefined ? undefined : accumulator.snapshot())
      settle(accumulator.snapshot(), false, failure)
      throw failure
    } finally {
      // Reached unsettled only when the generator itself was returned early; `stop` aborts first otherwise.
      if (!settled) {
        controller.abort(consumerStopped())
        settle(accumulator.snapshot(), false, call.fail(undefined, reply && accumulator.snapshot()))
      }
      reply?.close()
      call.close()
    }
  }

  function claim(by: string): AsyncGenerator<Step, void, undefined> {
    if (reader !== undefined) {
      throw new TypeError(
        `This ChatStream is already read by ${reader}: a stream is read once, so that its request is sent once. ` +
          'Iterate it (or take one view), then await final() for the result',
      )
    }
    reader = by
    steps = run()
    return steps
  }

  /** Ends the reading early: aborts unless the stream already ended, then runs it out so that it settles. */
  async function stop(reason: unknown = consumerStopped()): Promise<void> {
    if (!settled) controller.abort(reason)
    if (steps !== undefined) await drain(steps)
  }

  return {
    [Symbol.asyncIterator]: () => eventsOf(claim('an iteration'), stop),
    final() {
      if (reader === undefined) void drain(claim('final()'))
      return result
    },
    toReadableStream() {
      const events = eventsOf(claim('toReadableStream()'), stop)
      return new ReadableStream<DeltaEvent>(
        {
          async pull(view) {
            const next = await events.next()
            if (next.done === true) view.close()
            else view.enqueue(next.value)
          },
          cancel: (reason) => stop(reason),
        },
        { highWaterMark: 0 },
      )
    },
    toSSE() {
      const source = claim('toSSE()')
      const frames = createFrameWriter()
      return new ReadableStream<Uint8Array>(
        {
          async pull(view) {
            try {
              // Loops past the last step of a stream without [DONE], which writes nothing: a pull must enqueue
              // or close, or the reader waits forever.
              while (true) {
                const next = await source.next()
                if (next.done === true) return view.close()
                const { chunk, complete } = next.value
                if (chunk !== undefined) return view.enqueue(frames.chunk(chunk))
                if (complete) return view.enqueue(frames.done())
              }
            } catch (error) {
              view.enqueue(frames.error(error as ChatError))
              view.close()
            }
          },
          cancel: (reason) => stop(reason),
        },
        { highWaterMark: 0 },
      )
    },
    abort(reason?: unknown) {
      controller.abort(reason)
    },
  }
}

/** The events of the steps, one by one; `return()` (a `break`) stops the stream through `stop`. */
function eventsOf(
  steps: AsyncGenerator<Step, void, undefined>,
  stop: () => Promise<void>,
): AsyncIterableIterator<DeltaEvent> {
  let events: DeltaEvent[] = []
  let next = 0
  const done = { done: true, value: undefined } as const
  return {
    async next(): Promise<IteratorResult<DeltaEvent>> {
      while (next >= events.length) {
        const step = await steps.next()
        if (step.done === true) return done
        events = step.value.events
        next = 0
      }
      return { done: false, value: events[next++] as DeltaEvent }
    },
    async return(): Promise<IteratorResult<DeltaEvent>> {
      await stop()
      return done
    },
    [Symbol.asyncIterator]() {
      return this
    },
  }
}

/** Runs the steps to their end, ignoring the error they end with (it is in the outcome). */
async function drain(steps: AsyncGenerator<Step, void, undefined>): Promise<void> {
  try {
    while ((await steps.next()).done !== true) {
      // Only the outcome is wanted.
    }
  } catch {
    // Reported through final().
  }
}
