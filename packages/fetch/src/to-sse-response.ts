import type { ChatStream } from '@chatwire/core'

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
 * frame that a chatwire client on the other side reads back as the same typed error; status 200 is sent at
 * once, so that the browser sees the first token as soon as it exists.
 *
 * When the browser leaves, the upstream request is aborted: through `init.signal` (the request's signal),
 * and through the body's `cancel()`, which runtimes call when the connection closes. Headers in `init`
 * are added to (or replace) the event-stream ones.
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
  const source = stream.toSSE().getReader()
  const onAbort = () => stream.abort(signal?.reason)
  const release = () => signal?.removeEventListener('abort', onAbort)
  if (signal?.aborted) onAbort()
  else signal?.addEventListener('abort', onAbort, { once: true })

  const body = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const next = await source.read()
          if (next.done) {
            release()
            controller.close()
          } else {
            controller.enqueue(next.value)
          }
        } catch (error) {
          release()
          controller.error(error)
        }
      },
      async cancel(reason) {
        release()
        await source.cancel(reason)
      },
    },
    { highWaterMark: 0 },
  )
  const merged = new Headers(SSE_HEADERS)
  for (const [name, value] of new Headers(headers)) merged.set(name, value)
  return new Response(body, { status: 200, ...rest, headers: merged })
}
