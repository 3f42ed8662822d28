import { byteAtATime, fc, toAsyncIterable, toReadableStream } from '@chatwire/testkit'
import { describe, expect, it } from 'vitest'
import { createSSEParser, decodeSSE, type SSEEvent } from './decode-sse.js'
import { createSSEEncoderStream, encodeSSE, formatSSE, type SSEEventInit } from './encode-sse.js'

function event(data: string, fields: Partial<Omit<SSEEvent, 'data'>> = {}): SSEEvent {
  return { event: undefined, data, id: undefined, retry: undefined, ...fields }
}

/** The whole stream as text, or the error it ended with and the text before it. */
async function readText(stream: ReadableStream<Uint8Array>): Promise<{ text: string; error?: unknown }> {
  const decoder = new TextDecoder()
  let text = ''
  try {
    for (const reader = stream.getReader(); ; ) {
      const result = await reader.read()
      if (result.done) return { text }
      text += decoder.decode(result.value, { stream: true })
    }
  } catch (error) {
    return { text, error }
  }
}

function decodeText(text: string): SSEEvent[] {
  const events: SSEEvent[] = []
  const parser = createSSEParser((e) => events.push(e))
  parser.feed(new TextEncoder().encode(text))
  parser.end()
  return events
}

const first = { id: 'chatcmpl-1', choices: [{ index: 0, delta: { content: 'Hé\n😀' } }] }
const second = { id: 'chatcmpl-1', choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] }
const framed = `data: ${JSON.stringify(first)}\n\ndata: ${JSON.stringify(second)}\n\ndata: [DONE]\n\n`

describe('formatSSE', () => {
  it('writes event, id and retry before the data, and a blank line after', () => {
    expect(formatSSE({ event: 'delta', id: '7', retry: 1500, data: 'x' })).toBe(
      'event: delta\nid: 7\nretry: 1500\ndata: x\n\n',
    )
  })

  it('writes one data line per line of data, whatever the line break', () => {
    expect(formatSSE({ data: 'a\nb\r\nc\rd\n' })).toBe('data: a\ndata: b\ndata: c\ndata: d\ndata: \n\n')
  })

  it('writes empty data as one empty data line, so the event is not skipped', () => {
    expect(decodeText(formatSSE({ data: '' }))).toEqual([event('')])
  })

  it('leaves out an empty event type and keeps an empty id', () => {
    expect(formatSSE({ event: '', id: '', data: 'x' })).toBe('id: \ndata: x\n\n')
  })

  it('refuses fields that would break the framing or be ignored', () => {
    expect(() => formatSSE({ event: 'a\nb', data: '' })).toThrow(TypeError)
    expect(() => formatSSE({ id: 'a\rb', data: '' })).toThrow(TypeError)
    expect(() => formatSSE({ id: 'a\0', data: '' })).toThrow(TypeError)
    expect(() => formatSSE({ retry: -1, data: '' })).toThrow(RangeError)
    expect(() => formatSSE({ retry: 1.5, data: '' })).toThrow(RangeError)
  })

  it('round-trips any event through the decoder, line breaks normalised to LF', () => {
    const text = fc.string({
      unit: fc.oneof(
        fc.constantFrom('\r', '\n', '\r\n', ' ', ':', '\ufeff', '\0'),
        fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
      ),
    })
    const field = text.map((value) => value.replace(/[\r\n\0]/g, ''))
    const init = fc.record(
      { data: text, event: field, id: field, retry: fc.nat() },
      { requiredKeys: ['data'] },
    ) as fc.Arbitrary<SSEEventInit>
    fc.assert(
      fc.property(fc.array(init, { maxLength: 5 }), (events) => {
        const decoded = decodeText(events.map(formatSSE).join(''))
        const expected = events.map((e) =>
          event(e.data.replace(/\r\n?/g, '\n'), { event: e.event || undefined, id: e.id, retry: e.retry }),
        )
        expect(decoded).toEqual(expected)
      }),
      { numRuns: 300 },
    )
    // A generous bound for a busy machine: 300 property runs, no timing asserted.
  }, 60_000)
})

describe('encodeSSE', () => {
  it('writes each chunk as a data line of JSON and ends with [DONE]', async () => {
    expect(await readText(encodeSSE([first, second]))).toEqual({ text: framed })
    expect(await readText(encodeSSE(toAsyncIterable([first, second])))).toEqual({ text: framed })
  })

  it('relays decoded events as they were, without a second [DONE]', async () => {
    const upstream = 'event: delta\nid: 1\ndata: a\ndata: b\n\n: ping\n\ndata: [DONE]\n\n'
    const relayed = await readText(
      encodeSSE(decodeSSE(toReadableStream(byteAtATime(new TextEncoder().encode(upstream))))),
    )
    expect(relayed).toEqual({ text: 'event: delta\nid: 1\ndata: a\ndata: b\n\ndata: [DONE]\n\n' })
  })

  it('writes an object with other keys than the SSE fields as JSON', async () => {
    expect(await readText(encodeSSE([{ data: 'x', more: 1 }, 'text', null]))).toEqual({
      text: 'data: {"data":"x","more":1}\n\ndata: "text"\n\ndata: null\n\ndata: [DONE]\n\n',
    })
  })

  it('errors without [DONE] when the source fails, so the client sees a cut stream', async () => {
    const failure = new Error('upstream reset')
    async function* failing(): AsyncGenerator<unknown> {
      yield first
      throw failure
    }
    expect(await readText(encodeSSE(failing()))).toEqual({
      text: `data: ${JSON.stringify(first)}\n\n`,
      error: failure,
    })
  })

  it('errors on an item with no JSON form and releases the source', async () => {
    let released = false
    function* items(): Generator<unknown> {
      try {
        yield first
        yield undefined
        yield second
      } finally {
        released = true
      }
    }
    const { text, error } = await readText(encodeSSE(items()))
    expect({ text, error, released }).toEqual({
      text: `data: ${JSON.stringify(first)}\n\n`,
      error: new TypeError('encodeSSE: cannot write undefined as JSON'),
      released: true,
    })
  })

  it('releases the source when the stream is cancelled', async () => {
    let released = false
    async function* endless(): AsyncGenerator<unknown> {
      try {
        for (;;) yield first
      } finally {
        released = true
      }
    }
    const reader = encodeSSE(endless()).getReader()
    await reader.read()
    await reader.cancel('client left')
    expect(released).toBe(true)
  })
})

describe('createSSEEncoderStream', () => {
  it('frames what is written to it and adds [DONE] when it closes', async () => {
    const stream = toReadableStream<unknown>([first, second])
    expect(await readText(stream.pipeThrough(createSSEEncoderStream()))).toEqual({ text: framed })
  })
})
