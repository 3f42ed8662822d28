import type { ChatStream } from '@chatwire/core'
import { toSSE } from '@chatwire/core'

/** Options of {@link toSSEResponse}: a `ResponseInit`, plus the signal of the request being answered. */
export interface SSEResponseInit extends ResponseInit {
  /**
   * The incoming request's signal (`request.signal` in a route handler): when the browser leaves, the
   * upstream request is aborted, so that the service stops generating (and billing) tokens nobody reads.
   */
  signal?: AbortSignal | undefined
}

const SSE_HEADERS: Readonly<Record<string, string>> = {
  'content-type': 'text/event-stream; charset=utf-8',
  // `no-transform` keeps compressing proxies from buffering the stream; `x-accel-buffering` does the same for nginx.
  'cache-control': 'no-cache, no-transform',
  'x-accel-buffering': 'no',
}

/**
 * The `Response` a server route returns to relay a {@link ChatStream} to a browser unchanged: the chunks as
 * the service sent them, re-encoded as server-sent events, then `data: [DONE]` if the service sent it. A
 * failure, also one before the first chunk (a 401, a 429 after the retries), arrives as an `event: error`
 * frame that a chatwire client on the other side reads back as the same typed error (its class, message,
 * status, code, request id and path), with the partial text kept: what a service reports (auth, rate limit,
 * content filter, server errors) and what the relay's own reading met (a reset, a malformed stream, a timeout).
 * Status 200 is sent at once, so that the browser sees the first token as soon as it exists.
 *
 * When the browser leaves, the upstream request is aborted: through `init.signal` (the request's signal),
 * and through the body's `cancel()`, which runtimes call when the connection closes. Either way the stream
 * settles, so a route may `await stream.final()` after returning the response to keep the partial reply (or
 * call `final()` just before this, in the same synchronous code).
 * Headers in `init` are added to (or replace) the event-stream ones.
 *
 * @example
 * // Next.js (app router), an edge function, Hono, Bun.serve, Deno.serve…
 * export async function POST(request: Request) {
 *   const { messages } = await request.json()
 *   return toSSEResponse(openai.stream({ model: 'gpt-4o-mini', messages }), { signal: request.signal })
 * }
 */
export function toSSEResponse(stream: ChatStream, init: SSEResponseInit = {}): Response {
  const { signal, headers, ...rest } = init
  const merged = new Headers(SSE_HEADERS)
  new Headers(headers).forEach((value, name) => merged.set(name, value))
  return new Response(relayBody(stream, signal), { status: 200, ...rest, headers: merged })
}

/** The stream's SSE bytes, pulled as the runtime sends them; cancelling the body or aborting `signal` aborts it. */
function relayBody(stream: ChatStream, signal: AbortSignal | undefined): ReadableStream<Uint8Array> {
  const source = toSSE(stream).getReader()
  let view!: ReadableStreamDefaultController<Uint8Array>
  let ended = false
  // One read at a time, whoever asks (the runtime's pull, or the drain after an abort), so frames keep their order.
  let turn = Promise.resolve()

  const end = () => {
    ended = true
    signal?.removeEventListener('abort', onAbort)
  }
  const forward = () => {
    turn = turn.then(async () => {
      if (ended) return
      try {
        const next = await source.read()
        if (ended) return
        if (next.done) {
          end()
          view.close()
        } else {
          view.enqueue(next.value)
        }
      } catch (error) {
        end()
        view.error(error)
      }
    })
    return turn
  }
  // A runtime that aborts the request's signal may never read the body again (the browser left) nor cancel it.
  // The stream settles only when read, so it is read out here: `final()` resolves (a route that saves the
  // partial reply is not held forever), and a reader still there gets the abort frame and the end.
  async function onAbort() {
    stream.abort(signal?.reason)
    while (!ended) await forward()
  }

  const body = new ReadableStream<Uint8Array>(
    {
      start(controller) {
        view = controller
      },
      pull: forward,
      async cancel(reason) {
        end()
        await source.cancel(reason)
      },
    },
    { highWaterMark: 0 },
  )
  if (signal?.aborted) void onAbort()
  else signal?.addEventListener('abort', onAbort, { once: true })
  return body
}
