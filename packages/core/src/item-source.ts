// The internal fast lane from decodeSSE through readChunks to accumulate (not exported from the package).
// Read with `for await`, every stage costs a promise and a turn of the microtask queue per item, more than
// decoding a typical chunk. Instead each stage is an ItemSource, reachable through the iterator it backs: the
// last reader awaits each network read once, and every stage hands what the read gave on synchronously.

/**
 * Items decoded from something read a piece at a time. A reader takes every item at hand, and only then
 * reads, unless the source `ended`.
 */
export interface ItemSource<T, R = unknown> {
  /** The next read of what lies under: a piece of bytes, the events of one. */
  read(): Promise<R>
  /** Takes in what a read gave, its end included. */
  accept(read: R): void
  /**
   * Moves items at hand to `into` until it holds `max`. A throw (a bad item) ends the source, which has
   * released what lies under; the items before it stay in `into`.
   */
  take(into: T[], max: number): void
  /** Whether no read will bring more items: once those at hand are taken, this is the end. */
  readonly ended: boolean
  /** Stops reading and releases what lies under. */
  stop(): Promise<void>
}

const itemSource: unique symbol = Symbol('chatwire.itemSource')

/** The source under an iterator made by {@link iterateSource}, or any async iterator read as a source. */
export function sourceOf<T>(iterator: AsyncIterator<T>): ItemSource<T> {
  const own = (iterator as AsyncIterator<T> & { [itemSource]?: ItemSource<T> })[itemSource]
  if (own !== undefined) return own
  let last: IteratorResult<T> | undefined
  return {
    read: () => iterator.next(),
    accept(read) {
      last = read as IteratorResult<T>
    },
    take(into, max) {
      if (last === undefined || last.done === true || into.length >= max) return
      into.push(last.value)
      last = undefined
    },
    get ended() {
      return last?.done === true
    },
    async stop() {
      await iterator.return?.()
    },
  }
}

const END = { done: true, value: undefined } as const

/**
 * An async iterator over a source, one item per `next()`, that keeps the source for {@link sourceOf}. Written
 * out rather than as an async generator, whose yield costs several times more per item. Calls made before
 * the previous one settled wait their turn, and an error ends it, as with a generator.
 */
export function iterateSource<T, R>(source: ItemSource<T, R>): AsyncIterableIterator<T, undefined> {
  let busy: Promise<unknown> | undefined
  let failed = false
  const one: T[] = []

  /** The next item at hand; `undefined` when a read is needed first. */
  function take(): IteratorResult<T, undefined> | undefined {
    if (failed) return END
    source.take(one, 1)
    if (one.length > 0) return { done: false, value: one.pop() as T }
    return source.ended ? END : undefined
  }

  async function readThenTake(): Promise<IteratorResult<T, undefined>> {
    try {
      while (true) {
        source.accept(await source.read())
        const taken = take()
        if (taken !== undefined) return taken
      }
    } catch (error) {
      failed = true
      throw error
    } finally {
      busy = undefined
    }
  }

  function next(): Promise<IteratorResult<T, undefined>> {
    if (busy !== undefined) return busy.then(next, next)
    let taken: IteratorResult<T, undefined> | undefined
    try {
      taken = take()
    } catch (error) {
      failed = true
      return Promise.reject(error)
    }
    if (taken !== undefined) return Promise.resolve(taken)
    const reading = readThenTake()
    busy = reading
    return reading
  }

  const iterator = {
    next,
    async return(): Promise<IteratorResult<T, undefined>> {
      // A source that failed has nothing left to release.
      if (!failed) await source.stop()
      return END
    },
    [Symbol.asyncIterator]: () => iterator,
    [itemSource]: source,
  }
  return iterator
}
