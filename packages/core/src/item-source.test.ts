import { toReadableStream } from '@chatwire/testkit'
import { describe, expect, it } from 'vitest'
import { decodeSSE, type SSEEvent } from './decode-sse.js'
import { type ItemSource, iterateSource, sourceOf } from './item-source.js'

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text)

function event(data: string, fields: Partial<Omit<SSEEvent, 'data'>> = {}): SSEEvent {
  return { event: undefined, data, id: undefined, retry: undefined, ...fields }
}

/** Every item at hand, reading first if there is none; empty at the end. */
async function nextBatch<T>(source: ItemSource<T>): Promise<T[]> {
  const batch: T[] = []
  source.take(batch, Number.POSITIVE_INFINITY)
  while (batch.length === 0 && !source.ended) {
    source.accept(await source.read())
    source.take(batch, Number.POSITIVE_INFINITY)
  }
  return batch
}

describe('sourceOf', () => {
  it('reads the events of decodeSSE a network read at a time, from where next() left off', async () => {
    const events = decodeSSE(
      toReadableStream([utf8('data: a\n\ndata: b\n\ndata: c\n\n'), utf8('data: d\n\n')]),
    )
    const source = sourceOf(events)

    expect(await events.next()).toEqual({ done: false, value: event('a') })
    expect(await nextBatch(source)).toEqual([event('b'), event('c')])
    expect(await nextBatch(source)).toEqual([event('d')])
    expect(await nextBatch(source)).toEqual([])
    expect(await events.next()).toEqual({ done: true, value: undefined })
  })

  it('reads any other async iterator one item per read', async () => {
    async function* letters(): AsyncGenerator<string> {
      yield* ['a', 'b']
    }
    const source = sourceOf(letters())

    expect([await nextBatch(source), await nextBatch(source), await nextBatch(source)]).toEqual([
      ['a'],
      ['b'],
      [],
    ])
  })
})

describe('iterateSource', () => {
  /** A source whose reads give these items; the item `'bad'` throws when taken. */
  function sourceOfReads(reads: string[][]) {
    let items: string[] = []
    const source = {
      stopped: false,
      read: async () => reads.shift() ?? [],
      accept(read: string[]) {
        items = read
      },
      take(into: string[], max: number) {
        while (into.length < max && items.length > 0) {
          const item = items.shift() as string
          if (item === 'bad') throw new Error('bad item')
          into.push(item)
        }
      },
      get ended() {
        return reads.length === 0
      },
      async stop() {
        source.stopped = true
      },
    }
    return source
  }

  it('gives the items before a bad one, throws, then ends', async () => {
    const iterator = iterateSource(sourceOfReads([['a', 'bad', 'c']]))

    expect(await iterator.next()).toEqual({ done: false, value: 'a' })
    await expect(iterator.next()).rejects.toThrow('bad item')
    expect(await iterator.next()).toEqual({ done: true, value: undefined })
  })

  it('reads past reads that give no item', async () => {
    const iterator = iterateSource(sourceOfReads([[], [], ['a']]))

    expect(await iterator.next()).toEqual({ done: false, value: 'a' })
  })

  it('answers next() calls made before the previous one settled in order', async () => {
    const iterator = iterateSource(sourceOfReads([['a'], ['b', 'c']]))
    const results = await Promise.all([iterator.next(), iterator.next(), iterator.next(), iterator.next()])

    expect(results.map((result) => result.value)).toEqual(['a', 'b', 'c', undefined])
  })

  it('stops the source on return(), and hands the source itself to sourceOf', async () => {
    const source = sourceOfReads([['a']])
    const iterator = iterateSource(source)

    expect(sourceOf(iterator)).toBe(source)
    expect(await iterator.return?.()).toEqual({ done: true, value: undefined })
    expect(source.stopped).toBe(true)
  })
})
