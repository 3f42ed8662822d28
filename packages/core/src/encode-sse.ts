// Server-sent events: chunks and events → bytes, so that a server can relay a stream to a browser.
import type { SSEEvent } from './decode-sse.js'

/** The fields of one event to write. `data` may hold line breaks; the other fields may not. */
export interface SSEEventInit {
  /** The payload; each of its lines becomes a `data:` line. */
  data: string
  /** The event type; omitted when undefined or empty (the spec's default type, "message"). */
  event?: string | undefined
  /** The event id; an empty one is written (it resets the client's last event ID). */
  id?: string | undefined
  /** The reconnection delay in milliseconds: a non-negative integer. */
  retry?: number | undefined
}

const DONE = '[DONE]'
const LINE_BREAK = /\r\n|\r|\n/g

/**
 * One event as event-stream text, blank line included. Data with line breaks becomes one `data:` line per
 * line, so a decoder gives back the same data, except that the protocol turns every CRLF and CR into LF.
 * Throws a `TypeError` for an event type or id that would break the framing (a line break, or a NULL in the
 * id, which decoders ignore) and a `RangeError` for a retry that is not a non-negative integer.
 */
export function formatSSE(event: SSEEventInit): string {
  let text = ''
  if (event.event !== undefined && event.event !== '') text += `event: ${singleLine('event', event.event)}\n`
  if (event.id !== undefined) {
    if (event.id.includes('\0')) throw new TypeError('formatSSE: an SSE id cannot contain NULL')
    text += `id: ${singleLine('id', event.id)}\n`
  }
  if (event.retry !== undefined) {
    if (!Number.isSafeInteger(event.retry) || event.retry < 0) {
      throw new RangeError(`formatSSE: retry must be a non-negative integer, got ${event.retry}`)
    }
    text += `retry: ${event.retry}\n`
  }
  return `${text}data: ${event.data.replace(LINE_BREAK, '\ndata: ')}\n\n`
}

function singleLine(field: string, value: string): string {
  if (value.includes('\n') || value.includes('\r')) {
    throw new TypeError(`formatSSE: the ${field} field cannot contain a line break`)
  }
  return value
}

/** Whether an item is written as an event rather than as JSON (see {@link encodeSSE}). */
function isEventInit(item: unknown): item is SSEEventInit {
  if (typeof item !== 'object' || item === null || typeof (item as SSEEvent).data !== 'string') return false
  return Object.keys(item).every(
    (key) => key === 'data' || key === 'event' || key === 'id' || key === 'retry',
  )
}

/** Frames items one by one and closes the stream with `data: [DONE]` unless the items already sent it. */
function createFrameEncoder(): { frame(item: unknown): Uint8Array; close(): Uint8Array | undefined } {
  const encoder = new TextEncoder()
  let sentDone = false
  return {
    frame(item) {
      if (!isEventInit(item)) {
        const json = JSON.stringify(item)
        if (json === undefined) throw new TypeError(`encodeSSE: cannot write ${typeof item} as JSON`)
        return encoder.encode(`data: ${json}\n\n`)
      }
      if (item.data === DONE) sentDone = true
      return encoder.encode(formatSSE(item))
    },
    close: () => (sentDone ? undefined : encoder.encode(`data: ${DONE}\n\n`)),
  }
}

/**
 * The bytes of an event stream that carries `source`, ending with `data: [DONE]`: what a server returns as the
 * body of a `text/event-stream` response. Each chunk (any JSON value) becomes one `data:` line of JSON. An
 * object whose only keys are a string `data` and `event`, `id`, `retry` (an {@link SSEEvent} from `decodeSSE`,
 * or an {@link SSEEventInit}) is written as that event by {@link formatSSE}, and a `[DONE]` among such events
 * is not written twice. An error from the source errors the stream before `[DONE]`, so the client sees a
 * cut stream; cancelling the stream calls the source's `return()`.
 */
export function encodeSSE(source: AsyncIterable<unknown> | Iterable<unknown>): ReadableStream<Uint8Array> {
  const frames = createFrameEncoder()
  const items = Symbol.asyncIterator in source ? source[Symbol.asyncIterator]() : source[Symbol.iterator]()
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await items.next()
      if (next.done === true) {
        const done = frames.close()
        if (done !== undefined) controller.enqueue(done)
        controller.close()
        return
      }
      try {
        controller.enqueue(frames.frame(next.value))
      } catch (error) {
        await items.return?.()
        throw error
      }
    },
    async cancel(reason) {
      await items.return?.(reason)
    },
  })
}

/**
 * The same framing as {@link encodeSSE}, as a `TransformStream` from chunks or events to bytes; `data: [DONE]`
 * is written when the writable side closes, not when it is aborted.
 */
export function createSSEEncoderStream(): TransformStream<unknown, Uint8Array> {
  const frames = createFrameEncoder()
  return new TransformStream<unknown, Uint8Array>({
    transform(item, controller) {
      controller.enqueue(frames.frame(item))
    },
    flush(controller) {
      const done = frames.close()
      if (done !== undefined) controller.enqueue(done)
    },
  })
}
