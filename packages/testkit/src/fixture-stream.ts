/** What a correct client makes of a fixture stream. */
export interface FixtureExpectation {
  /**
   * The whole `chat.completion` an accumulator builds from `chunks` (compare with `toEqual`, or `toMatchObject`
   * for an accumulator that adds fields of its own).
   */
  completion?: Record<string, unknown>
  /** Whether the stream ends with `data: [DONE]`. */
  done: boolean
  /** The error the stream ends with, sent after the chunks. */
  error?: {
    /** `event`: an `event: error` frame; `data`: a plain `data:` frame whose payload is `{"error": …}`. */
    frame: 'event' | 'data'
    /** The error payload as sent. */
    body: Record<string, unknown>
    /** The `ChatError` subclass it should become (`RateLimitError`, `ServerError`, …). */
    name: string
  }
}

/** One stream, as chunk objects and as the server-sent-events text a client receives. */
export interface FixtureStream {
  /** Unique: `recorded/openai-text` for a recording, `azure-content-filter-finish` for a hand-made stream. */
  name: string
  /** Where it comes from: a real recording (see the recordings' README) or written from documented shapes. */
  origin: 'recorded' | 'hand-made'
  /** What the stream shows. */
  description: string
  /** The `chat.completion.chunk` payloads in order (an in-stream error payload is not one of them). */
  chunks: object[]
  /** `data: <json>\n\n` per chunk, then `data: [DONE]\n\n` unless the stream is truncated or ends in an error. */
  sse: string
  /** Present on hand-made streams; tests of recordings compute their expectations from the chunks. */
  expected?: FixtureExpectation
}

/** The stream's SSE text as UTF-8 bytes. */
export function sseBytes(fixture: Pick<FixtureStream, 'sse'>): Uint8Array {
  return new TextEncoder().encode(fixture.sse)
}

/** How a hand-made stream ends. */
export type StreamEnd =
  | { kind: 'done' }
  | { kind: 'truncated' }
  | { kind: 'error'; frame: 'event' | 'data'; body: Record<string, unknown> }

/** Writes payloads (JSON texts) as SSE frames, ending as `end` says. */
export function framePayloads(payloads: readonly string[], end: StreamEnd): string {
  let sse = ''
  for (const payload of payloads) sse += `data: ${payload}\n\n`
  if (end.kind === 'done') sse += 'data: [DONE]\n\n'
  if (end.kind === 'error') {
    sse += `${end.frame === 'event' ? 'event: error\n' : ''}data: ${JSON.stringify(end.body)}\n\n`
  }
  return sse
}

/** Builds a hand-made fixture: frames the chunks and records what a client should make of them. */
export function handMadeFixture(fields: {
  name: string
  description: string
  chunks: object[]
  end: StreamEnd
  completion?: Record<string, unknown>
  errorName?: string
}): FixtureStream {
  const { end } = fields
  const expected: FixtureExpectation = { done: end.kind === 'done' }
  if (fields.completion !== undefined) expected.completion = fields.completion
  if (end.kind === 'error')
    expected.error = { frame: end.frame, body: end.body, name: fields.errorName ?? 'ChatError' }
  return {
    name: fields.name,
    origin: 'hand-made',
    description: fields.description,
    chunks: fields.chunks,
    sse: framePayloads(
      fields.chunks.map((chunk) => JSON.stringify(chunk)),
      end,
    ),
    expected,
  }
}
