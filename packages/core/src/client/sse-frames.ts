import { formatSSE } from '../encode-sse.js'
import { type ChatError, ContentFilterError, InvalidRequestError } from '../errors.js'
import type { ChatCompletionChunk } from '../schema/chunk.js'

/** Writes what a relayed stream carries, as event-stream bytes. */
export interface FrameWriter {
  /** A chunk as one `data:` event, the way services send it. */
  chunk(chunk: ChatCompletionChunk): Uint8Array
  /** The `data: [DONE]` event that ends a complete stream. */
  done(): Uint8Array
  /**
   * The end of a stream whose bytes were cut inside a frame: an unterminated comment line, so that the far
   * side's decoder finds its stream cut too and gives the same `incomplete` (`truncated`) outcome.
   */
  cut(): Uint8Array
  /**
   * An `event: error` frame in the OpenAI error shape, which `readChunks` on the other side turns back into the
   * same typed error: its message, type, code, status, request id, bad field (`param`), content-filter results,
   * and the class name (`chatwire_error`) for the classes no status tells apart. The error is already redacted.
   */
  error(error: ChatError): Uint8Array
}

/** One writer per relayed stream. */
export function createFrameWriter(): FrameWriter {
  const encoder = new TextEncoder()
  return {
    chunk: (chunk) => encoder.encode(`data: ${JSON.stringify(chunk)}\n\n`),
    done: () => encoder.encode('data: [DONE]\n\n'),
    cut: () => encoder.encode(':'),
    error(error) {
      const body = {
        message: error.message,
        type: error.type ?? null,
        code: error.code ?? null,
        status: error.status,
        param: error instanceof InvalidRequestError ? error.path : undefined,
        // Every issue as it stands, in the FastAPI shape `errorFromBody` reads: a 422 may name several fields.
        detail:
          error instanceof InvalidRequestError && error.issues.length > 0
            ? error.issues.map((issue) => ({ loc: [issue.path], msg: issue.message }))
            : undefined,
        content_filter_results: error instanceof ContentFilterError ? error.results : undefined,
        request_id: error.requestId,
        chatwire_error: error.name,
      }
      return encoder.encode(formatSSE({ event: 'error', data: JSON.stringify({ error: body }) }))
    },
  }
}
