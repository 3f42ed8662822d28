import type { Reply } from './send-request.js'

/**
 * The pieces of a 2xx reply's body, for a stream's run. Each `next()` is the body reader's own promise
 * (`Reply.next`), with nothing between (an async generator would cost more promises and turns of the
 * microtask queue, once per network read): the run hands what it settles with to `Reply.received` (the
 * timers learn of it, an abort wins over it) or `Reply.lost` (the abort's reason, or a `ConnectionError`).
 * Stopping early (`return()`) cancels the body, which frees the connection; after the end or an error, the
 * run closes the reply.
 */
export function readBody(reply: Reply): AsyncIterableIterator<Uint8Array, void> {
  const iterator: AsyncIterableIterator<Uint8Array, void> = {
    next: reply.next as () => Promise<IteratorResult<Uint8Array, void>>,
    async return() {
      reply.close()
      return { done: true, value: undefined }
    },
    [Symbol.asyncIterator]: () => iterator,
  }
  return iterator
}
