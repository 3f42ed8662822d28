// The views of a ChatStream, as functions rather than methods, so that a bundle that only iterates leaves
// them (and the SSE encoder) out.
import type { DeltaEvent } from '../delta-events.js'
import { MalformedStreamError } from '../errors.js'
import type { ChatCompletionChunk } from '../schema/chunk.js'
import { type ChatStream, type ChatStreamInternals, claimRun, eventsOf } from './chat-stream.js'
import { createFrameWriter, type FrameWriter } from './sse-frames.js'
import { END, type StreamRun } from './stream-run.js'

/**
 * The events of a stream as a `ReadableStream`; cancelling it aborts the request with the cancel reason. It
 * reads the stream, which is read once: after it, iterating the stream (or another view) throws.
 */
export function toReadableStream(stream: ChatStream): ReadableStream<DeltaEvent> {
  const { run, stop } = claim(stream, 'toReadableStream()')
  const events = eventsOf(run, stop)
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
}

/**
 * The chunks of a stream as received, re-encoded as SSE bytes for a server to relay: `data: [DONE]` only if
 * the service sent it, a cut last line if the service's bytes were cut inside a frame (so the far side sees
 * the same `incomplete` outcome), and an error as an `event: error` frame (`{"error": {message, type, code,
 * status}}`, redacted) before the end. Cancelling it (the browser left) aborts the request upstream. It reads
 * the stream, which is read once.
 *
 * @example
 * return new Response(toSSE(client.stream(request)), { headers: { 'content-type': 'text/event-stream' } })
 */
export function toSSE(stream: ChatStream): ReadableStream<Uint8Array> {
  const { run, stop } = claim(stream, 'toSSE()')
  const frames = createFrameWriter()
  return new ReadableStream<Uint8Array>(
    {
      // Every chunk at hand in one pull, then one read: the relay costs one await per network read.
      async pull(view) {
        let enqueued = false
        try {
          while (true) {
            const next = run.next(undefined)
            if (next === END) {
              if (run.sawDone) view.enqueue(frames.done())
              else if (run.truncated) view.enqueue(frames.cut())
              return view.close()
            }
            if (next !== undefined) {
              view.enqueue(encode(run, frames, next))
              enqueued = true
            } else if (enqueued) return
            else await run.advance()
          }
        } catch (error) {
          view.enqueue(frames.error(run.fail(error)))
          view.close()
        }
      },
      cancel: (reason) => stop(reason),
    },
    { highWaterMark: 0 },
  )
}

function claim(stream: ChatStream, by: string): ReturnType<ChatStreamInternals[typeof claimRun]> {
  const internals = stream as Partial<ChatStreamInternals>
  if (typeof internals[claimRun] !== 'function') {
    throw new TypeError(`${by} takes a stream from a chatwire client's stream()`)
  }
  return internals[claimRun](by)
}

/**
 * One chunk as a frame. A chunk that parsed may still fail to encode (nesting deep enough to overflow
 * `JSON.stringify`'s stack): that ends the run with a {@link MalformedStreamError} naming only the kind of fault.
 */
function encode(run: StreamRun, frames: FrameWriter, chunk: ChatCompletionChunk): Uint8Array {
  try {
    return frames.chunk(chunk)
  } catch (error) {
    const kind = error instanceof Error ? error.name : typeof error
    throw run.fail(
      new MalformedStreamError(`A chunk of the stream could not be encoded again to relay it (${kind})`),
    )
  }
}
