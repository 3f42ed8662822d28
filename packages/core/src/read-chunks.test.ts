import { toReadableStream } from '@chatwire/testkit'
import { describe, expect, it, vi } from 'vitest'
import { decodeSSE, type SSEEvent } from './decode-sse.js'
import { ChatError, MalformedStreamError, RateLimitError, ServerError } from './errors.js'
import { type ItemSource, sourceOf } from './item-source.js'
import { type ChunkStream, readChunks } from './read-chunks.js'
import type { ChatCompletionChunk } from './schema/chunk.js'

function chunk(content: string, finish: string | null = null): ChatCompletionChunk {
  return {
    id: 'chatcmpl-1',
    object: 'chat.completion.chunk',
    created: 1_700_000_000,
    model: 'gpt-4o-mini',
    choices: [{ index: 0, delta: { content }, finish_reason: finish }],
  }
}

const first = chunk('Hel')
const second = chunk('lo')
const last = chunk('', 'stop')

function event(data: string, name?: string): SSEEvent {
  return { event: name, data, id: undefined, retry: undefined }
}

function data(value: unknown): SSEEvent {
  return event(JSON.stringify(value))
}

const DONE = event('[DONE]')

/** A source that yields `events`, then hangs forever (a server that keeps the socket open). */
function hangingSource(events: SSEEvent[]): { source: AsyncIterable<SSEEvent>; released: () => boolean } {
  let released = false
  async function* generate(): AsyncGenerator<SSEEvent> {
    try {
      yield* events
      await new Promise(() => {})
    } finally {
      released = true
    }
  }
  return { source: generate(), released: () => released }
}

async function* source(events: SSEEvent[]): AsyncGenerator<SSEEvent> {
  yield* events
}

/** Reads every chunk; returns what arrived and what was thrown, if anything. */
async function drain(stream: ChunkStream): Promise<{ chunks: ChatCompletionChunk[]; error: unknown }> {
  const chunks: ChatCompletionChunk[] = []
  try {
    for await (const value of stream) chunks.push(value)
  } catch (error) {
    return { chunks, error }
  }
  return { chunks, error: undefined }
}

describe('readChunks', () => {
  it('yields every chunk and ends at [DONE], releasing the source', async () => {
    const { source: events, released } = hangingSource([data(first), data(second), data(last), DONE])
    const stream = readChunks(events)

    expect(await drain(stream)).toEqual({ chunks: [first, second, last], error: undefined })
    expect(stream.sawDone).toBe(true)
    await vi.waitFor(() => expect(released()).toBe(true))
  })

  it('finishes after [DONE] on a byte stream that never closes, and cancels it', async () => {
    let cancelled = false
    const bytes = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(`data: ${JSON.stringify(first)}\n\ndata: [DONE]\n\n`))
      },
      cancel() {
        cancelled = true
      },
    })
    const stream = readChunks(decodeSSE(bytes))

    expect(await drain(stream)).toEqual({ chunks: [first], error: undefined })
    expect(stream.sawDone).toBe(true)
    await vi.waitFor(() => expect(cancelled).toBe(true))
  })

  it('does not wait for a source whose return() never settles', async () => {
    const events = [data(first), DONE]
    const returned = vi.fn(() => new Promise<IteratorResult<SSEEvent>>(() => {}))
    const stuck: AsyncIterable<SSEEvent> = {
      [Symbol.asyncIterator]: () => ({
        next: async () => {
          const value = events.shift()
          return value === undefined ? { done: true, value: undefined } : { done: false, value }
        },
        return: returned,
      }),
    }
    const stream = readChunks(stuck)

    expect(await drain(stream)).toEqual({ chunks: [first], error: undefined })
    expect(returned).toHaveBeenCalledOnce()
  })

  it('ends without error but with sawDone false when the source ends before [DONE]', async () => {
    const stream = readChunks(source([data(first), data(second)]))

    expect(await drain(stream)).toEqual({ chunks: [first, second], error: undefined })
    expect(stream.sawDone).toBe(false)
  })

  it.each(['[DONE]x', '[DONE] extra', '[DONE]\n'])(
    'rejects the forged end %j after the chunks before it',
    async (forged) => {
      const { source: events, released } = hangingSource([data(first), event(forged), data(second)])
      const stream = readChunks(events)
      const { chunks, error } = await drain(stream)

      expect(chunks).toEqual([first])
      expect(error).toBeInstanceOf(MalformedStreamError)
      expect((error as Error).message).toBe(
        'Malformed stream: event 2 starts with [DONE] but is not exactly [DONE]',
      )
      expect(stream.sawDone).toBe(false)
      await vi.waitFor(() => expect(released()).toBe(true))
    },
  )

  it('throws an event: error frame as a typed error after the two chunks before it', async () => {
    const frame = event(
      JSON.stringify({
        error: { message: 'Rate limit reached.', type: 'tokens', code: 'rate_limit_exceeded' },
      }),
      'error',
    )
    const { chunks, error } = await drain(
      readChunks(source([data(first), data(second), frame, data(last), DONE])),
    )

    expect(chunks).toEqual([first, second])
    expect(error).toBeInstanceOf(RateLimitError)
    expect((error as RateLimitError).toJSON()).toEqual({
      name: 'RateLimitError',
      message: 'Rate limit reached.',
      status: undefined,
      code: 'rate_limit_exceeded',
      requestId: undefined,
      retryAfterMs: undefined,
    })
  })

  it('throws an event: error frame that is the last record, dispatched at the end of the bytes', async () => {
    // No blank line after the last record: the decoder dispatches it at EOF, when its source has ended.
    const text = `data: ${JSON.stringify(first)}\n\nevent: error\ndata: {"error":{"message":"Overloaded.","type":"server_error"}}\n`
    const { chunks, error } = await drain(
      readChunks(decodeSSE(toReadableStream([new TextEncoder().encode(text)]))),
    )

    expect(chunks).toEqual([first])
    expect(error).toBeInstanceOf(ServerError)
    expect((error as ServerError).message).toBe('Overloaded.')
  })

  it('throws an event: error frame whose data is plain text as a ChatError with that text', async () => {
    const { chunks, error } = await drain(
      readChunks(source([data(first), event('upstream overloaded', 'error')])),
    )

    expect(chunks).toEqual([first])
    expect(error).toBeInstanceOf(ChatError)
    expect((error as ChatError).toJSON()).toEqual({
      name: 'ChatError',
      message: 'upstream overloaded',
      status: undefined,
      code: undefined,
      requestId: undefined,
    })
  })

  it('throws a {"error": …} data payload as a typed error', async () => {
    const payload = data({ error: { message: 'The server had an error.', type: 'server_error', code: null } })
    const { chunks, error } = await drain(readChunks(source([data(first), payload, DONE])))

    expect(chunks).toEqual([first])
    expect(error).toBeInstanceOf(ServerError)
    expect((error as ServerError).toJSON()).toEqual({
      name: 'ServerError',
      message: 'The server had an error.',
      status: undefined,
      code: undefined,
      requestId: undefined,
    })
  })

  it('keeps a chunk whose error field is null', async () => {
    const withNull = { ...first, error: null }
    const { chunks } = await drain(readChunks(source([data(withNull), DONE])))

    expect(chunks).toEqual([withNull])
  })

  it('rejects bad JSON with a MalformedStreamError that quotes none of the payload', async () => {
    const secret = 'my-private-prompt-text'
    const { chunks, error } = await drain(
      readChunks(source([data(first), event(`{"choices": [${secret}`), DONE])),
    )

    expect(chunks).toEqual([first])
    expect(error).toBeInstanceOf(MalformedStreamError)
    expect((error as MalformedStreamError).toJSON()).toEqual({
      name: 'MalformedStreamError',
      message: 'Malformed stream: event 2 is not valid JSON (syntax error)',
      status: undefined,
      code: undefined,
      requestId: undefined,
    })
    expect((error as Error).cause).toBeUndefined()
    expect(JSON.stringify(error)).not.toContain(secret)
    expect(String((error as Error).stack)).not.toContain(secret)
  })

  it('names a cut-off JSON payload as such', async () => {
    const { error } = await drain(readChunks(source([event('{"id": "chatcmpl-1", "choi')])))

    expect((error as Error).message).toBe(
      'Malformed stream: event 1 is not valid JSON (unexpected end of input at position 26)',
    )
  })

  it.each([
    ['42', 'a number'],
    ['"text"', 'a string'],
    ['null', 'null'],
    ['[1,2]', 'an array'],
  ])('rejects the payload %s, which is not an object', async (payload, kind) => {
    const { error } = await drain(readChunks(source([event(payload)])))

    expect(error).toBeInstanceOf(MalformedStreamError)
    expect((error as Error).message).toBe(`Malformed stream: event 1 is ${kind}, not a JSON object`)
  })

  it('rejects a chunk whose choices is not an array', async () => {
    const { error } = await drain(readChunks(source([data({ ...first, choices: { 0: {} } })])))

    expect(error).toBeInstanceOf(MalformedStreamError)
    expect((error as Error).message).toBe('Malformed stream: event 1 has "choices" that is not an array')
  })

  it('skips events with other names and counts them in event numbers', async () => {
    const events = [
      event('{}', 'ping'),
      event(JSON.stringify(first), 'message'),
      event('not json', 'ping'),
      event('x'),
    ]
    const { chunks, error } = await drain(readChunks(source(events)))

    expect(chunks).toEqual([first])
    expect((error as Error).message).toBe('Malformed stream: event 4 is not valid JSON (syntax error)')
  })

  it('releases the source when the consumer stops early', async () => {
    const { source: events, released } = hangingSource([data(first), data(second)])
    for await (const _ of readChunks(events)) break

    await vi.waitFor(() => expect(released()).toBe(true))
  })

  it('passes on an error of the source itself', async () => {
    const reset = new Error('socket hang up')
    async function* failing(): AsyncGenerator<SSEEvent> {
      yield data(first)
      throw reset
    }

    expect(await drain(readChunks(failing()))).toEqual({ chunks: [first], error: reset })
  })

  it('turns sawDone true only when the reader reaches [DONE], even when it came in the same read', async () => {
    const stream = readChunks(source([data(first), DONE]))

    expect(await stream.next()).toEqual({ done: false, value: first })
    expect(stream.sawDone).toBe(false)
    expect(await stream.next()).toEqual({ done: true, value: undefined })
    expect(stream.sawDone).toBe(true)
  })
})

describe('readChunks under accumulate', () => {
  const sse = (...events: string[]) => new TextEncoder().encode(events.map((e) => `data: ${e}\n\n`).join(''))

  /** The chunks at hand once a read was taken in: what accumulate gets at a time. */
  async function readOnce(source: ItemSource<ChatCompletionChunk>): Promise<ChatCompletionChunk[]> {
    source.accept(await source.read())
    const chunks: ChatCompletionChunk[] = []
    source.take(chunks, Number.POSITIVE_INFINITY)
    return chunks
  }

  it('hands over the chunks of a network read at once, and ends at [DONE]', async () => {
    const reads = [sse(JSON.stringify(first), JSON.stringify(second)), sse(JSON.stringify(last), '[DONE]')]
    const stream = readChunks(decodeSSE(new ReadableStream({ pull: (c) => c.enqueue(reads.shift()) })))
    const source = sourceOf(stream)

    expect(await readOnce(source)).toEqual([first, second])
    expect(source.ended).toBe(false)
    expect(await readOnce(source)).toEqual([last])
    expect({ ended: source.ended, sawDone: stream.sawDone }).toEqual({ ended: true, sawDone: true })
  })

  it('gives the chunks before a bad event of the same read, throws, and releases the source', async () => {
    let cancelled = false
    const bytes = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(
          sse(JSON.stringify(first), JSON.stringify(second), '{"choices": [', JSON.stringify(last)),
        )
      },
      cancel() {
        cancelled = true
      },
    })
    const stream = readChunks(decodeSSE(bytes))
    const source = sourceOf(stream)
    source.accept(await source.read())
    const chunks: ChatCompletionChunk[] = []

    expect(() => source.take(chunks, Number.POSITIVE_INFINITY)).toThrow(
      'Malformed stream: event 3 is not valid JSON',
    )
    expect({ chunks, ended: source.ended, sawDone: stream.sawDone }).toEqual({
      chunks: [first, second],
      ended: true,
      sawDone: false,
    })
    await vi.waitFor(() => expect(cancelled).toBe(true))
  })
})

describe('readChunks: how the stream ended', () => {
  const bytes = (text: string) => toReadableStream([new TextEncoder().encode(text)])
  const frames = [first, last].map((c) => `data: ${JSON.stringify(c)}\n\n`).join('')

  it.each([
    ['[DONE]', `${frames}data: [DONE]\n\n`, { sawDone: true, truncated: false }],
    ['the end of the bytes, between frames', frames, { sawDone: false, truncated: false }],
    [
      'the end of the bytes, inside a frame',
      `${frames}data: {"id":"chatcmpl-1","us`,
      { sawDone: false, truncated: true },
    ],
  ])('ends at %s without an error, and says how', async (_name, text, end) => {
    const stream = readChunks(decodeSSE(bytes(text)))
    const { chunks, error } = await drain(stream)
    expect({ chunks, error, sawDone: stream.sawDone, truncated: stream.truncated }).toEqual({
      chunks: [first, last],
      error: undefined,
      ...end,
    })
  })

  it('is never truncated over events that did not come from decodeSSE', async () => {
    const stream = readChunks(source([data(first)]))
    await drain(stream)
    expect(stream.truncated).toBe(false)
  })
})
