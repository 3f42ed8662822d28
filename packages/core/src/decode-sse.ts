// Server-sent events: bytes → events, by the WHATWG event-stream rules
// (https://html.spec.whatwg.org/multipage/server-sent-events.html#event-stream-interpretation).
import { iterateSource } from './item-source.js'

/** One event of a server-sent-events stream, as dispatched by a blank line (or the end of the stream). */
export interface SSEEvent {
  /** The `event:` field; `undefined` when the record had none or an empty one (the spec's type "message"). */
  event: string | undefined
  /** The record's `data:` lines joined with "\n". */
  data: string
  /**
   * The record's own `id:` field, if it had one. Unlike the spec's last event ID it does not carry over to
   * later events: a client that reconnects with `Last-Event-ID` keeps the last one it saw.
   */
  id: string | undefined
  /** The record's `retry:` field (reconnection delay in milliseconds), if it had a valid one. */
  retry: number | undefined
}

/** A synchronous push parser: the hot path under {@link decodeSSE} and {@link createSSEDecoderStream}. */
export interface SSEParser {
  /** Parses the next piece of the byte stream; the events it completes are handed over before it returns. */
  feed(bytes: Uint8Array): void
  /** Ends the stream: flushes a cut character and line, and dispatches a record left without its blank line. */
  end(): void
}

const LF = 10
const SPACE = 32
const STREAM = { stream: true }

/**
 * Creates a parser that calls `onEvent` for every event in the bytes it is fed, for any split of the bytes
 * into pieces. It keeps only the unfinished line between pieces and scans every byte once, so a huge line
 * costs linear time.
 */
export function createSSEParser(onEvent: (event: SSEEvent) => void): SSEParser {
  let data: string | undefined
  let type: string | undefined
  let id: string | undefined
  let retry: number | undefined
  /** The pieces of a line whose end has not arrived yet: joined once, when it does. */
  const partial: string[] = []
  /** The last text ended in CR: a LF starting the next one is the second half of that CRLF. */
  let afterCR = false

  // Spec: "If the data buffer is an empty string, set the data buffer and the event type buffer to the empty
  // string and return" (a record without data is not an event); either way the record's fields are reset.
  function dispatch(): void {
    if (data !== undefined) onEvent({ event: type, data, id, retry })
    data = type = id = retry = undefined
  }

  function field(line: string): void {
    const colon = line.indexOf(':')
    // Spec: a line without a colon is a field name with an empty value; one space after the colon is dropped.
    const name = colon === -1 ? line : line.slice(0, colon)
    const value = colon === -1 ? '' : line.slice(line.charCodeAt(colon + 1) === SPACE ? colon + 2 : colon + 1)
    if (name === 'data') data = data === undefined ? value : `${data}\n${value}`
    // An empty type is the spec's default type ("message"), which this SSEEvent spells undefined.
    else if (name === 'event') type = value === '' ? undefined : value
    // Spec: an id containing NULL is ignored; a retry that is not all ASCII digits is ignored.
    else if (name === 'id') id = value.includes('\0') ? id : value
    else if (name === 'retry' && /^[0-9]+$/.test(value)) retry = Number(value)
    // Unknown field names are ignored.
  }

  function line(source: string, start: number, end: number): void {
    if (start === end) dispatch()
    // The shape of nearly every line of a chat stream, handled without slicing out the field name.
    else if (source.startsWith('data:', start)) {
      const value = source.slice(source.charCodeAt(start + 5) === SPACE ? start + 6 : start + 5, end)
      data = data === undefined ? value : `${data}\n${value}`
    } else if (source.charCodeAt(start) !== 58 /* ':' starts a comment */) field(source.slice(start, end))
  }

  // Lines end in CRLF, LF or a lone CR. Each of `lf` and `cr` is searched again only once the scan passes it,
  // so a text is scanned once however many lines it holds.
  function scan(text: string): void {
    let start = afterCR && text.charCodeAt(0) === LF ? 1 : 0
    afterCR = false
    let lf = text.indexOf('\n', start)
    let cr = text.indexOf('\r', start)
    while (lf !== -1 || cr !== -1) {
      const end = cr === -1 || (lf !== -1 && lf < cr) ? lf : cr
      let next = end + 1
      if (end === cr) {
        if (next === text.length) afterCR = true
        else if (text.charCodeAt(next) === LF) next++
        cr = text.indexOf('\r', next)
      }
      if (lf !== -1 && lf < next) lf = text.indexOf('\n', next)
      if (partial.length === 0) line(text, start, end)
      else {
        partial.push(text.slice(start, end))
        const whole = partial.join('')
        partial.length = 0
        line(whole, 0, whole.length)
      }
      start = next
    }
    if (start < text.length) partial.push(start === 0 ? text : text.slice(start))
  }

  // The spec's "UTF-8 decode" (a leading BOM dropped, bad bytes as U+FFFD) of the whole stream, a character
  // cut by the end of a piece completed by the next. Streaming mode is also the faster one on Node 20, whose
  // one-shot fast path decodes non-ASCII text more slowly than its ICU converter.
  const decoder = new TextDecoder('utf-8')
  return {
    feed(bytes) {
      const text = decoder.decode(bytes, STREAM)
      if (text !== '') scan(text)
    },
    end() {
      // Spec: this final call also resets the decoder (BOM rule included) for a stream fed after end().
      const rest = decoder.decode()
      if (rest !== '') scan(rest)
      const last = partial.join('')
      partial.length = 0
      afterCR = false
      if (last !== '') line(last, 0, last.length)
      // Spec: at the end of the stream an unfinished record is discarded. Issue 2 asks for it to be
      // dispatched: servers that close right after `data: [DONE]` without the blank line exist.
      dispatch()
    },
  }
}

/**
 * A `TransformStream` from the bytes of an event stream (a response body) to its events:
 * `response.body.pipeThrough(createSSEDecoderStream())`.
 */
export function createSSEDecoderStream(): TransformStream<Uint8Array, SSEEvent> {
  let parser: SSEParser
  return new TransformStream<Uint8Array, SSEEvent>({
    start(controller) {
      parser = createSSEParser((event) => controller.enqueue(event))
    },
    transform(bytes) {
      parser.feed(bytes)
    },
    flush() {
      parser.end()
    },
  })
}

/**
 * The events of an event stream, as an async iterator over a response body or any async iterable of bytes.
 * Stopping early (`break`, `return()`, e.g. after `data: [DONE]`) cancels the source at once, so the
 * caller never waits for the server to close the connection. An error from the source is thrown as is.
 */
export function decodeSSE(
  source: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>,
): AsyncIterableIterator<SSEEvent, undefined> {
  let events: SSEEvent[] = []
  let taken = 0
  const parser = createSSEParser((event) => {
    events.push(event)
  })
  const reads = openReads(source)
  let drained = false
  let stopped = false
  return iterateSource<SSEEvent, IteratorResult<Uint8Array, unknown>>({
    read: () => reads.next(),
    accept(read) {
      // Called once every event decoded before was taken.
      events = []
      taken = 0
      if (stopped) return
      if (read.done === true) {
        drained = true
        parser.end()
      } else parser.feed(read.value)
    },
    take(into, max) {
      while (taken < events.length && into.length < max) into.push(events[taken++] as SSEEvent)
    },
    get ended() {
      return drained || stopped
    },
    async stop() {
      const open = !drained && !stopped
      stopped = true
      events = []
      if (open) await reads.cancel()
    },
  })
}

/** The source as "give me the next read" and "I want no more". */
function openReads(source: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>): {
  next(): Promise<IteratorResult<Uint8Array, unknown>>
  cancel(): Promise<unknown>
} {
  // Through a reader rather than `for await`: not every runtime makes ReadableStream async-iterable.
  if (typeof (source as ReadableStream).getReader === 'function') {
    const reader = (source as ReadableStream<Uint8Array>).getReader()
    return { next: () => reader.read(), cancel: () => reader.cancel() }
  }
  const iterator = (source as AsyncIterable<Uint8Array>)[Symbol.asyncIterator]()
  return { next: () => iterator.next(), cancel: async () => iterator.return?.() }
}
