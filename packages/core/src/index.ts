export { accumulate } from './accumulate.js'
export { type Accumulator, type AccumulatorOptions, createAccumulator } from './accumulator.js'
export { urlUnder } from './adapter/base-url.js'
export { assertServerSide, isBrowserLike } from './adapter/browser-guard.js'
export { checkHeaderValue, normalizeHeaders } from './adapter/header-values.js'
export type { ApprovalInput, Chat, SendInput, ToolResultInput } from './chat/chat.js'
export { ChatBusyError } from './chat/chat-busy-error.js'
export type { ChatFinishEvent, ChatLiveOptions, ChatOptions, ChatRequestFields } from './chat/chat-options.js'
export { type ChatTools, chatTools, type ToolCallRequest } from './chat/chat-tools.js'
export { createChat } from './chat/create-chat.js'
export type { ChatThrottle } from './chat/publisher.js'
export type {
  AssistantMessageState,
  AssistantThreadMessage,
  ChatSnapshot,
  ChatStatus,
  InstructionThreadMessage,
  ThreadMessage,
  ThreadMessageInit,
  ThreadToolCall,
  ThreadToolCallState,
  UserThreadMessage,
} from './chat/thread-message.js'
export { abortable } from './client/abort.js'
export type { ChatResult, CompleteResult } from './client/chat-result.js'
export type { ChatStream } from './client/chat-stream.js'
export { type ChatClient, createChatClient } from './client/create-chat-client.js'
export type { ChatHooks, RequestEvent, ResponseEvent, RetryEvent } from './client/hooks.js'
export {
  type ChatCallOptions,
  type ChatClientOptions,
  DEFAULT_IDLE_TIMEOUT,
  DEFAULT_MAX_ERROR_BODY_BYTES,
  DEFAULT_MAX_RESPONSE_BYTES,
  DEFAULT_TIMEOUT,
  type FetchFunction,
  MAX_TIMER_MS,
} from './client/options.js'
export { createRedactor, type Redactor, secretQueryValues } from './client/redaction.js'
export {
  checkHeaders,
  type HeadersLike,
  headersRecord,
  secretHeaderValues,
} from './client/request-headers.js'
export { toReadableStream, toSSE } from './client/stream-views.js'
export {
  createSSEDecoderStream,
  createSSEParser,
  DEFAULT_SSE_LIMIT,
  decodeSSE,
  type SSEEvent,
  type SSEEventStream,
  type SSELimits,
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
  ResponseTooLargeError,
  ServerError,
  StreamLimitError,
  TimeoutError,
} from './errors.js'
// The functions that lazy chunks use too, as bindings of their own (see exports/error-path.ts).
export { redactSecrets, requestIdOf } from './exports/error-path.js'
export { parsePartialJson } from './exports/partial-json.js'
export { foldReplyContent } from './exports/reply-content.js'
export { type Outcome, type OutcomeInput, outcome, type ParsedToolCall } from './outcome.js'
export { type ChunkStream, readChunks } from './read-chunks.js'
// The schemas' types only: their valibot values and validateRequest are `@chatwire/core/schema`, so that a
// bundle that does not validate holds no valibot (the client loads validation lazily).
export type * from './schema/index.js'
export { MAX_STREAM_INDEX } from './stream-index.js'
export { completeObject } from './structured/complete-object.js'
export {
  type JsonSchemaFormatOptions,
  type JsonSchemaResponseFormat,
  jsonSchemaFormat,
} from './structured/json-schema-format.js'
export type { ObjectOptions, ObjectResult } from './structured/object-options.js'
export { OutputValidationError } from './structured/output-validation-error.js'
export { parseOutput } from './structured/parse-output.js'
export {
  type ObjectEvent,
  type ObjectStream,
  type ObjectStreamEvent,
  type PartialObject,
  type PartialObjectEvent,
  streamObject,
} from './structured/stream-object.js'
export { toAssistantMessage } from './tools/assistant-message.js'
export type { JsonSchemaConverter } from './tools/json-schema-of.js'
export { toolsForRequest } from './tools/request-tools.js'
export {
  DEFAULT_TOOL_CONCURRENCY,
  formatToolFailure,
  type RunToolCallsOptions,
  runToolCalls,
  type ToolCallResult,
  type ToolCallsResult,
  type ToolEvent,
  type ToolFailure,
  type ToolResultEvent,
  type ToolStartEvent,
} from './tools/run-tool-calls.js'
export {
  DEFAULT_MAX_STEPS,
  type PendingToolCall,
  type RunToolsOptions,
  runTools,
  type StepFinishEvent,
  type StepStartEvent,
  type ToolRun,
  type ToolRunEvent,
  type ToolRunOutcome,
  type ToolRunResult,
} from './tools/run-tools.js'
export type { StandardJSONSchemaV1, StandardSchemaV1, StandardTypedV1 } from './tools/standard-schema.js'
export { checkStrictSchema, strictSchemaIssues } from './tools/strict-json-schema.js'
export { type ChatTool, type ToolDefinition, type ToolExecuteContext, tool } from './tools/tool.js'
export { type StandardValidation, validateStandard } from './tools/validate-standard.js'
