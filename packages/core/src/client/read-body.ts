import type { Reply } from './send-request.js'

/**
 * The pieces of a 2xx reply's body. When the reply's signal aborts (the caller, a timer), the read ends at
 * once with the signal's reason, even if the `fetch` in use does not honour signals; a read that fails
 * otherwise (a reset socket) is a `ConnectionError`. Stopping early (`return()`) cancels the body, which frees
 * the connection; after the end or an error, the caller closes the reply. Each `next()` is the reply's own
 * `read()`, with no async generator between (whose every piece would cost more promises and turns of the
 * microtask queue, once per network read of a stream).
 *
 * With `unchecked`, each `next()` is the body reader's own promise (`Reply.next`), and its reader hands what
 * it settles with to `Reply.received` or `Reply.lost`: a stream's run does, once per network read.
 */
export function readBody(reply: Reply, unchecked = false): AsyncIterableIterator<Uint8Array, void> {
  const iterator: AsyncIterableIterator<Uint8Array, void> = {
    next: (unchecked ? reply.next : reply.read) as () => Promise<IteratorResult<Uint8Array, void>>,
    async return() {
      reply.close()
      return { done: true, value: undefined }
    },
    [Symbol.asyncIterator]: () => iterator,
  }
  return iterator
}
