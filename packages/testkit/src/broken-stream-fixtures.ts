import { type FixtureStream, handMadeFixture } from './fixture-stream.js'

const meta = {
  id: 'chatcmpl-FixtureBroken',
  object: 'chat.completion.chunk',
  created: 1_750_000_400,
  model: 'gpt-4o-2024-08-06',
}
const text = (content: string, role?: string) => ({
  ...meta,
  choices: [
    {
      index: 0,
      delta: role === undefined ? { content } : { role, content },
      logprobs: null,
      finish_reason: null,
    },
  ],
})
const beforeTheBreak = [text('', 'assistant'), text('Once upon'), text(' a time')]
const partial = {
  ...meta,
  object: 'chat.completion',
  choices: [
    {
      index: 0,
      message: { role: 'assistant', content: 'Once upon a time', refusal: null },
      finish_reason: null,
      logprobs: null,
    },
  ],
}

/** The service fails mid-stream and says so in an `event: error` frame; no `[DONE]` follows. */
export const errorEventMidStream: FixtureStream = handMadeFixture({
  name: 'error-event-mid-stream',
  description:
    'Three chunks, then an `event: error` frame with a server error body; no finish reason, no [DONE]',
  chunks: beforeTheBreak,
  end: {
    kind: 'error',
    frame: 'event',
    body: {
      error: {
        message: 'The server had an error while processing your request. Sorry about that!',
        type: 'server_error',
        param: null,
        code: null,
      },
    },
  },
  errorName: 'ServerError',
  completion: partial,
})

/** A `data:` frame whose payload is `{"error": …}` instead of a chunk (a rate limit hit mid-stream). */
export const errorPayloadMidStream: FixtureStream = handMadeFixture({
  name: 'error-payload-mid-stream',
  description: 'Three chunks, then a data frame with an {"error": …} rate-limit payload; no [DONE]',
  chunks: beforeTheBreak,
  end: {
    kind: 'error',
    frame: 'data',
    body: {
      error: {
        message: 'Rate limit reached for gpt-4o on tokens per min (TPM). Please try again in 20s.',
        type: 'tokens',
        param: null,
        code: 'rate_limit_exceeded',
      },
    },
  },
  errorName: 'RateLimitError',
  completion: partial,
})

/** The connection drops: text chunks, no finish reason, no `[DONE]`. */
export const truncatedStream: FixtureStream = handMadeFixture({
  name: 'truncated',
  description: 'Three chunks, then the stream ends: no finish reason, no [DONE]',
  chunks: beforeTheBreak,
  end: { kind: 'truncated' },
  completion: partial,
})
