export { accumulate } from './accumulate.js'
export { type Accumulator, type AccumulatorOptions, createAccumulator } from './accumulator.js'

export {
  createSSEDecoderStream,
  createSSEParser,
  decodeSSE,
  type SSEEvent,
  type SSEParser,
} from './decode-sse.js'
export type {
  AudioDeltaEvent,
  ContentDeltaEvent,
  DeltaEvent,
  DeltaListener,
  FinishEvent,
  ReasoningDeltaEvent,
  RefusalDeltaEvent,
  ToolCallArgumentsDeltaEvent,
  ToolCallDoneEvent,
} from './delta-events.js'
export { createSSEEncoderStream, encodeSSE, formatSSE, type SSEEventInit } from './encode-sse.js'
export { errorFromBody } from './error-from-body.js'
export {
  AbortError,
  AuthenticationError,
  ChatError,
  type ChatErrorOptions,
  ConnectionError,
  ContentFilterError,
  IncompleteStreamError,
  InvalidRequestError,
  MalformedStreamError,
  NotFoundError,
  RateLimitError,
  type RequestIssue,
  ServerError,
  TimeoutError,
} from './errors.js'
export { type Outcome, type OutcomeInput, outcome, type ParsedToolCall } from './outcome.js'
export { type ChunkStream, readChunks } from './read-chunks.js'
export { type ErrorDetails, readErrorBody } from './read-error-body.js'
export { redactSecrets } from './redact.js'
export { retryAfterMs, retryAfterMsFromMessage } from './retry-after.js'
export * from './schema/index.js'
export { MAX_STREAM_INDEX } from './stream-index.js'
export { formatIssuePath, validateRequest } from './validate-request.js'
