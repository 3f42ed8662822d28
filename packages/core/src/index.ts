export { accumulate } from './accumulate.js'
export { type Accumulator, type AccumulatorOptions, createAccumulator } from './accumulator.js'
export { urlUnder } from './adapter/base-url.js'
export { assertServerSide, isBrowserLike } from './adapter/browser-guard.js'
export { checkHeaderValue, normalizeHeaders } from './adapter/header-values.js'
export type { ChatResult } from './client/chat-result.js'
export type { ChatStream } from './client/chat-stream.js'
export { type ChatClient, createChatClient } from './client/create-chat-client.js'
export type { ChatCallOptions, ChatClientOptions, FetchFunction } from './client/options.js'
export { checkHeaders, secretHeaderValues } from './client/request-headers.js'
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
export type { ChatEndpoint, PrepareContext, PreparedRequest } from './endpoint.js'
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
export { foldReplyContent } from './reply-content.js'
export { requestIdOf } from './request-id.js'
export { isRetryable, type RetryOptions, retryDelay } from './retry.js'
export { retryAfterMs, retryAfterMsFromMessage } from './retry-after.js'
export * from './schema/index.js'
export { MAX_STREAM_INDEX } from './stream-index.js'
export { formatIssuePath, MAX_REQUEST_ISSUES, validateRequest } from './validate-request.js'
