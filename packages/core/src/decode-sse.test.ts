import {
  allFixtures,
  byteAtATime,
  chunkingArbitrary,
  fc,
  lineEndings,
  onePiece,
  randomPieces,
  splitAt,
  toAsyncIterable,
  toReadableStream,
  withLineEndings,
} from '@chatwire/testkit'
import { describe, expect, it, vi } from 'vitest'
import {
  createSSEDecoderStream,
  createSSEParser,
  DEFAULT_SSE_LIMIT,
  decodeSSE,
  type SSEEvent,
  type SSELimits,
} from './decode-sse.js'
import { MalformedStreamError, StreamLimitError } from './errors.js'

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text)

function event(data: string, fields: Partial<Omit<SSEEvent, 'data'>> = {}): SSEEvent {
  return { event: undefined, data, id: undefined, retry: undefined, ...fields }
}

/** Every event the parser dispatches for these reads, including at end(). */
function parse(pieces: readonly Uint8Array[]): SSEEvent[] {
  const events: SSEEvent[] = []
  const parser = createSSEParser((e) => events.push(e))
  for (const piece of pieces) parser.feed(piece)
  parser.end()
  return events
}

const parseText = (text: string): SSEEvent[] => parse([utf8(text)])

/** Every way to cut the bytes in two, plus one byte at a time. */
function everySplit(bytes: Uint8Array): Uint8Array[][] {
  const splits = Array.from({ length: bytes.length + 1 }, (_, offset) => splitAt(bytes, [offset]))
  return [...splits, byteAtATime(bytes)]
}

describe('createSSEParser: lines', () => {
  it('ends lines with LF, CRLF or a lone CR', () => {
    const expected = [event('a'), event('b')]
    expect(parseText('data: a\n\ndata: b\n\n')).toEqual(expected)
    expect(parseText('data: a\r\n\r\ndata: b\r\n\r\n')).toEqual(expected)
    expect(parseText('data: a\r\rdata: b\r\r')).toEqual(expected)
    expect(parseText('data: a\r\n\rdata: b\n\r\n')).toEqual(expected)
  })

  it('reads a CR ending one read and a LF starting the next as one CRLF', () => {
    expect(parse([utf8('data: a\r'), utf8('\ndata: b\r'), utf8('\n\r'), utf8('\n')])).toEqual([event('a\nb')])
  })

  it('reads a CR ending one read followed by another line as a lone CR', () => {
    expect(parse([utf8('data: a\r'), utf8('data: b\r'), utf8('\r')])).toEqual([event('a\nb')])
  })

  it('gives the same events for CR, LF and CRLF cut at every offset', () => {
    const bytes = utf8('data: a\r\ndata: b\r\rdata: c\n\r\n:x\rdata: d\n\n')
    for (const pieces of everySplit(bytes))
      expect(parse(pieces)).toEqual([event('a\nb'), event('c'), event('d')])
  })
})

describe('createSSEParser: fields', () => {
  it('drops one space after the colon, and only one', () => {
    expect(parseText('data:a\n\ndata: b\n\ndata:  c\n\n')).toEqual([event('a'), event('b'), event(' c')])
  })

  it('joins several data lines with LF, keeping empty ones', () => {
    expect(parseText('data: a\ndata:\ndata: b\n\ndata:\ndata:\n\n')).toEqual([event('a\n\nb'), event('\n')])
  })

  it('reads a line without a colon as a field with an empty value', () => {
    expect(parseText('data\n\ndata\ndata\n\n')).toEqual([event(''), event('\n')])
  })

  it('reads event, id and retry, which belong to their own record only', () => {
    const text = 'event: delta\nid: 7\nretry: 1500\ndata: a\n\ndata: b\n\n'
    expect(parseText(text)).toEqual([event('a', { event: 'delta', id: '7', retry: 1500 }), event('b')])
  })

  it('keeps an empty id and treats an empty event type as none', () => {
    expect(parseText('id\nevent:\ndata: a\n\n')).toEqual([event('a', { id: '' })])
  })

  it('ignores an id that contains NULL', () => {
    expect(parseText('id: 1\nid: 2\0\ndata: a\n\n')).toEqual([event('a', { id: '1' })])
  })

  it('ignores a retry that is not all ASCII digits', () => {
    const text = 'retry: 10a\nretry: -1\nretry:\nretry:  5\nretry: 1.5\ndata: a\n\nretry: 0\ndata: b\n\n'
    expect(parseText(text)).toEqual([event('a'), event('b', { retry: 0 })])
  })

  it('ignores comments, unknown fields and field names in another case', () => {
    const text = ': keep-alive\n\ndata: a\n:comment: with colon\nfoo: bar\nData: x\nDATA\ndata: b\n\n'
    expect(parseText(text)).toEqual([event('a\nb')])
  })

  it('skips a record without data, and its event type does not leak into the next one', () => {
    expect(parseText('event: ping\nid: 1\nretry: 9\n\n: x\n\ndata: a\n\n')).toEqual([event('a')])
  })

  it('passes data: [DONE] and look-alikes through as plain data', () => {
    expect(parseText('data: [DONE]\n\ndata: [DONE]x\n\n')).toEqual([event('[DONE]'), event('[DONE]x')])
  })

  it('hands events over synchronously, before feed returns', () => {
    const events: SSEEvent[] = []
    const parser = createSSEParser((e) => events.push(e))
    parser.feed(utf8('data: a\n\ndata: b\n'))
    expect(events).toEqual([event('a')])
  })
})

describe('createSSEParser: the end of the stream', () => {
  it('dispatches a trailing record whose lines ended but which lacks its blank line', () => {
    expect(parseText('event: x\ndata: b\n')).toEqual([event('b', { event: 'x' })])
    expect(parseText('data: a\ndata: b\r')).toEqual([event('a\nb')])
  })

  it('dispatches a last line that is exactly data: [DONE], even without its line end', () => {
    for (const text of ['data: a\n\ndata: [DONE]', 'data: a\n\ndata:[DONE]']) {
      const parser = createSSEParser(() => {})
      parser.feed(utf8(text))
      parser.end()
      expect({ events: parseText(text), truncated: parser.truncated }).toEqual({
        events: [event('a'), event('[DONE]')],
        truncated: false,
      })
    }
  })

  it.each([
    ['a data line', 'data: a\n\ndata: {"id":"chatcmpl-1","choi'],
    ['a line after ended lines of its record', 'data: a\n\nevent: x\ndata: b\nda'],
    ['a look-alike of [DONE]', 'data: a\n\ndata: [DONE'],
    ['a comment', 'data: a\n\n: keep-'],
  ])('drops a record cut inside %s, and says the stream was truncated', (_name, text) => {
    const events: SSEEvent[] = []
    const parser = createSSEParser((e) => events.push(e))
    for (const piece of byteAtATime(utf8(text))) parser.feed(piece)
    parser.end()
    expect({ events, truncated: parser.truncated }).toEqual({ events: [event('a')], truncated: true })
  })

  it('is not truncated when the stream ends between lines', () => {
    const parser = createSSEParser(() => {})
    parser.feed(utf8('data: a\n\ndata: b\n'))
    parser.end()
    expect(parser.truncated).toBe(false)
  })

  it('counts a character cut by the end of the stream as a cut line (U+FFFD is not a line end)', () => {
    const parser = createSSEParser(() => {})
    parser.feed(utf8('data: a\n'))
    parser.feed(Uint8Array.of(0xf0, 0x9f))
    parser.end()
    expect(parser.truncated).toBe(true)
  })

  it('starts afresh after end(), BOM rule included', () => {
    const events: SSEEvent[] = []
    const parser = createSSEParser((e) => events.push(e))
    parser.feed(utf8('\ufeffdata: a\r'))
    parser.end()
    parser.feed(utf8('\ndata\ufeff: b\n'))
    parser.end()
    parser.feed(utf8('\ufeffdata: c\n'))
    parser.end()
    expect(events).toEqual([event('a'), event('c')])
  })
})

describe('createSSEParser: encoding', () => {
  it('drops one leading BOM, also when it is cut across reads', () => {
    const bytes = utf8('\ufeffdata: a\n\n')
    for (const pieces of everySplit(bytes)) expect(parse(pieces)).toEqual([event('a')])
  })

  it('keeps a BOM that is not at the very start', () => {
    expect(parseText('\ufeff\ufeffdata: a\n\ndata: b\n\n')).toEqual([event('b')])
    expect(parseText('data: \ufeffa\n\n')).toEqual([event('\ufeffa')])
  })

  it('decodes 4-byte emoji cut at every byte offset', () => {
    const bytes = utf8('data: 👋🏽 x 😀\n\ndata: é—€\n\n')
    for (const pieces of everySplit(bytes)) expect(parse(pieces)).toEqual([event('👋🏽 x 😀'), event('é—€')])
  })

  it('decodes invalid UTF-8 as one-shot TextDecoder does, for any split', () => {
    const bytesArb = fc.uint8Array({ maxLength: 40 }).map((body) => {
      const bytes = new Uint8Array(body.length + 8)
      bytes.set(utf8('data: '))
      bytes.set(
        body.map((byte) => (byte === 10 || byte === 13 ? 0x80 : byte)),
        6,
      )
      bytes.set(utf8('\n\n'), body.length + 6)
      return bytes
    })
    const input = bytesArb.chain((bytes) => fc.tuple(fc.constant(bytes), chunkingArbitrary(bytes)))
    fc.assert(
      fc.property(input, ([bytes, pieces]) => {
        const data = new TextDecoder().decode(bytes.subarray(6, bytes.length - 2))
        expect(parse(pieces)).toEqual([event(data)])
      }),
      { numRuns: 500 },
    )
  })
})

// A quadratic decoder (one that rescans or re-joins what it holds on every read or line) runs out of the
// test's time on these; the native string search is fast enough that smaller inputs would not show it.
describe('createSSEParser: linear time', () => {
  /** How many events, and the first and last, without comparing a million-element array. */
  function summary(events: SSEEvent[]): { count: number; first?: SSEEvent; last?: SSEEvent } {
    return { count: events.length, first: events[0], last: events.at(-1) }
  }

  it('reads an 8 MiB data line fed in 1–64-byte reads', () => {
    const payload = 'x'.repeat(8 * 1024 * 1024)
    const events = parse(randomPieces(utf8(`data: ${payload}\r\n\r\n`), { seed: 8, maxSize: 64 }))
    expect(events).toEqual([event(payload)])
  })

  it('reads a million CR-ended lines in one read', () => {
    const events = parse([utf8('data: x\r\r'.repeat(1_000_000))])
    expect(summary(events)).toEqual({ count: 1_000_000, first: event('x'), last: event('x') })
  })

  it('reads a million data lines of one event', () => {
    const events = parse(randomPieces(utf8(`${'data: x\n'.repeat(1_000_000)}\n`), { seed: 2 }))
    expect(events).toEqual([event(Array(1_000_000).fill('x').join('\n'))])
  })
})

// A stream with every rule at once: the fixture streams only use `data:` lines.
const kitchenSink = {
  name: 'every rule at once',
  text:
    '\ufeff: hello\n\nretry: 3000\n\nevent: delta\nid: 1\ndata: {"text":"é 😀"}\n\n' +
    'data:first\ndata\ndata:  third\n\nfoo: bar\n:\ndata: [DONE]\n\ndata: trailing\n',
  expected: [
    event('{"text":"é 😀"}', { event: 'delta', id: '1' }),
    event('first\n\n third'),
    event('[DONE]'),
    event('trailing'),
  ],
}

/** Asserts `expected` for the text in every line-end style: in one read, byte by byte and in random reads. */
function itSplitsAnywhere(text: string, expected: SSEEvent[]): void {
  it.each(lineEndings)('gives the same events for %s line ends in any reads', (style) => {
    const bytes = utf8(withLineEndings(text, style))
    expect(parse(onePiece(bytes))).toEqual(expected)
    expect(parse(byteAtATime(bytes))).toEqual(expected)
    expect(parse(randomPieces(bytes, { seed: bytes.length }))).toEqual(expected)
    fc.assert(
      fc.property(chunkingArbitrary(bytes), (pieces) => {
        expect(parse(pieces)).toEqual(expected)
      }),
      { numRuns: 15 },
    )
  })
}

describe('createSSEParser: split anywhere', () => {
  describe(kitchenSink.name, () => {
    itSplitsAnywhere(kitchenSink.text, kitchenSink.expected)
  })

  // Every testkit stream: the hand-made ones and the recordings (when present).
  describe.each(allFixtures())('$name', (fixture) => {
    const baseline = parseText(fixture.sse)

    it('holds, in one read, the payloads it was written from', () => {
      const error = fixture.expected?.error
      const payloads = [...fixture.chunks, ...(error === undefined ? [] : [error.body])]
      const done = fixture.expected?.done ?? true
      const decoded = baseline.map((e) => (e.data === '[DONE]' ? e.data : JSON.parse(e.data)))
      expect(decoded).toEqual(done ? [...payloads, '[DONE]'] : payloads)
    })

    itSplitsAnywhere(fixture.sse, baseline)
  })
})

describe('createSSEDecoderStream', () => {
  it('turns a byte stream into its events, the trailing record included', async () => {
    const events: SSEEvent[] = []
    const stream = toReadableStream(byteAtATime(utf8('data: a\n\nevent: x\ndata: b\n'))).pipeThrough(
      createSSEDecoderStream(),
    )
    for (const reader = stream.getReader(); ; ) {
      const result = await reader.read()
      if (result.done) break
      events.push(result.value)
    }
    expect(events).toEqual([event('a'), event('b', { event: 'x' })])
  })
})

describe('decodeSSE', () => {
  const bytes = utf8('data: a\r\n\r\ndata: 😀\n\ndata: [DONE]')

  async function collect(events: AsyncIterable<SSEEvent>): Promise<SSEEvent[]> {
    const all: SSEEvent[] = []
    for await (const e of events) all.push(e)
    return all
  }

  it('reads a ReadableStream or an async iterable of bytes', async () => {
    const expected = [event('a'), event('😀'), event('[DONE]')]
    expect(await collect(decodeSSE(toReadableStream(byteAtATime(bytes))))).toEqual(expected)
    expect(await collect(decodeSSE(toAsyncIterable(randomPieces(bytes, { seed: 1, maxSize: 5 }))))).toEqual(
      expected,
    )
  })

  it('cancels a stream that never closes when the consumer stops at [DONE]', async () => {
    let cancelled: unknown = 'not cancelled'
    const neverCloses = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(utf8('data: a\n\ndata: [DONE]\n\n'))
      },
      cancel(reason) {
        cancelled = reason
      },
    })
    const seen: string[] = []
    for await (const e of decodeSSE(neverCloses)) {
      seen.push(e.data)
      if (e.data === '[DONE]') break
    }
    expect({ seen, cancelled, locked: neverCloses.locked }).toEqual({
      seen: ['a', '[DONE]'],
      cancelled: undefined,
      locked: true,
    })
  })

  it('releases an async iterable source when the consumer stops early', async () => {
    let released = false
    async function* neverEnds(): AsyncGenerator<Uint8Array> {
      try {
        yield utf8('data: [DONE]\n\n')
        await new Promise(() => {})
      } finally {
        released = true
      }
    }
    const events = decodeSSE(neverEnds())
    expect(await events.next()).toEqual({ done: false, value: event('[DONE]') })
    expect(await events.return?.()).toEqual({ done: true, value: undefined })
    expect(released).toBe(true)
  })

  it('answers next() calls made before the previous one settled in order', async () => {
    const events = decodeSSE(toReadableStream(byteAtATime(bytes)))
    const results = await Promise.all([events.next(), events.next(), events.next(), events.next()])
    expect(results).toEqual([
      { done: false, value: event('a') },
      { done: false, value: event('😀') },
      { done: false, value: event('[DONE]') },
      { done: true, value: undefined },
    ])
  })

  it('delivers the events before a source error, then throws that error', async () => {
    const failure = new Error('socket reset')
    const failing = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.enqueue(utf8('data: a\n\ndata: b'))
        controller.error(failure)
      },
    })
    const seen: string[] = []
    const error = await (async () => {
      for await (const e of decodeSSE(failing)) seen.push(e.data)
    })().catch((e: unknown) => e)
    expect({ seen, error }).toEqual({ seen: ['a'], error: failure })
  })
})

describe('limits', () => {
  /** The error a parser throws for these reads, and the events it handed over before it. */
  function limited(pieces: readonly Uint8Array[], limits: SSELimits) {
    const events: SSEEvent[] = []
    const parser = createSSEParser((e) => events.push(e), limits)
    try {
      for (const piece of pieces) parser.feed(piece)
      parser.end()
    } catch (error) {
      return { events, error }
    }
    return { events, error: undefined }
  }

  it('refuses a line longer than maxLineLength, also when it comes in small reads', () => {
    const bytes = utf8(`data: a\n\ndata: ${'x'.repeat(100)}\n\n`)
    for (const pieces of [onePiece(bytes), byteAtATime(bytes)]) {
      const { events, error } = limited(pieces, { maxLineLength: 105 })
      expect(events).toEqual([event('a')])
      expect(error).toBeInstanceOf(StreamLimitError)
      expect(error).toBeInstanceOf(MalformedStreamError)
      expect(error).toMatchObject({ name: 'StreamLimitError', limit: 'line', max: 105 })
    }
  })

  it('takes a line of exactly maxLineLength', () => {
    const line = `data: ${'x'.repeat(99)}`
    expect(limited(byteAtATime(utf8(`${line}\n\n`)), { maxLineLength: line.length })).toEqual({
      events: [event('x'.repeat(99))],
      error: undefined,
    })
  })

  it('refuses an event whose data lines together outgrow maxEventLength, each line short', () => {
    const { events, error } = limited([utf8(`data: a\n\n${'data: xxxxxxxxx\n'.repeat(20)}\n`)], {
      maxEventLength: 100,
    })
    expect(events).toEqual([event('a')])
    expect(error).toMatchObject({ name: 'StreamLimitError', limit: 'event', max: 100 })
    expect((error as Error).message).toBe("Stream limit: an event's data is longer than 100 characters")
  })

  it('refuses limits that are not numbers ≥ 1', () => {
    expect(() => createSSEParser(() => {}, { maxLineLength: 0 })).toThrow(RangeError)
    expect(() => createSSEParser(() => {}, { maxEventLength: Number.NaN })).toThrow(RangeError)
  })

  it('defaults to 64 Mi', () => {
    expect(DEFAULT_SSE_LIMIT).toBe(64 * 1024 * 1024)
  })

  it('stops an endless line at the limit: the events before it, then StreamLimitError, the source released', async () => {
    let released = false
    let fed = 0
    async function* endless(): AsyncGenerator<Uint8Array> {
      try {
        yield utf8('data: a\n\ndata: ')
        const piece = utf8('x'.repeat(64 * 1024))
        while (true) {
          fed += piece.length
          yield piece
        }
      } finally {
        released = true
      }
    }
    const seen: string[] = []
    let error: unknown
    try {
      for await (const e of decodeSSE(endless(), { maxLineLength: 1024 * 1024 })) seen.push(e.data)
    } catch (caught) {
      error = caught
    }
    expect(seen).toEqual(['a'])
    expect(error).toMatchObject({ name: 'StreamLimitError', limit: 'line', max: 1024 * 1024 })
    // It read no further than the read that crossed the limit.
    expect(fed).toBeLessThanOrEqual(1024 * 1024 + 64 * 1024)
    await vi.waitFor(() => expect(released).toBe(true))
  })
})

describe('decodeSSE: how the bytes ended', () => {
  it.each([
    ['between records', 'data: a\n\n', false],
    ['after a last line without its blank line', 'data: a\n', false],
    ['inside a line', 'data: a\n\ndata: {"cho', true],
  ])('is truncated only when the bytes end inside a line: %s', async (_name, text, truncated) => {
    const events = decodeSSE(toReadableStream(byteAtATime(utf8(text))))
    const seen: string[] = []
    for await (const e of events) seen.push(e.data)
    expect({ seen, truncated: events.truncated }).toEqual({ seen: ['a'], truncated })
  })
})
