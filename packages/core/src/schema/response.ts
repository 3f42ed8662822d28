import * as v from 'valibot'
import { ToolCallSchema } from './message.js'
import { UsageSchema } from './usage.js'

/** The finish reasons the OpenAI API defines; providers may send others, which are kept as strings. */
export const KnownFinishReasonSchema = v.picklist([
  'stop',
  'length',
  'tool_calls',
  'content_filter',
  'function_call',
])

/** One candidate token at a position, with its log probability and UTF-8 bytes. */
export const TopLogprobSchema = v.looseObject({
  token: v.string(),
  logprob: v.number(),
  bytes: v.nullish(v.array(v.number())),
})

/** The log probability of one generated token, with the most likely alternatives at that position. */
export const TokenLogprobSchema = v.looseObject({
  token: v.string(),
  logprob: v.number(),
  bytes: v.nullish(v.array(v.number())),
  top_logprobs: v.optional(v.array(TopLogprobSchema)),
})

/** The log probabilities of a choice's content tokens and refusal tokens (`logprobs: true`). */
export const ChoiceLogprobsSchema = v.looseObject({
  content: v.nullish(v.array(TokenLogprobSchema)),
  refusal: v.nullish(v.array(TokenLogprobSchema)),
})

/**
 * A content filter's verdicts, by category (`hate`, `jailbreak`, …): kept as plain data here; the Azure adapter
 * types it. Keys such as `__proto__` are dropped by the parser, so they cannot reach a prototype.
 */
export const ContentFilterResultsSchema = v.record(v.string(), v.unknown())

/** The content filter's verdicts on one prompt of the request (Azure). */
export const PromptFilterResultSchema = v.looseObject({
  prompt_index: v.optional(v.number()),
  content_filter_results: v.optional(ContentFilterResultsSchema),
})

// Mistral's reasoning models send content as typed parts (`text`, `thinking`) instead of a string.
/** A part of a reply's content when a provider sends an array instead of a string. */
export const ReplyContentPartSchema = v.looseObject({ type: v.string() })

/** An audio reply: base64 data, its transcript, and the id to refer to it in a later turn until it expires. */
export const ReplyAudioSchema = v.looseObject({
  id: v.string(),
  data: v.string(),
  transcript: v.string(),
  expires_at: v.number(),
})

/**
 * The model's reply in a `chat.completion`, which can be sent back as it is in the next request's `messages`.
 * `content` is text: content parts (Mistral's `text` and `thinking`) are folded into `content` and
 * `reasoning_content` as the reply is read.
 */
export const CompletionMessageSchema = v.looseObject({
  role: v.literal('assistant'),
  content: v.nullable(v.string()),
  refusal: v.nullish(v.string()),
  tool_calls: v.nullish(v.array(ToolCallSchema)),
  audio: v.nullish(ReplyAudioSchema),
  /** Reasoning text (DeepSeek, Qwen, xAI, Azure AI). */
  reasoning_content: v.nullish(v.string()),
  /** Reasoning text under the name Groq and others use. */
  reasoning: v.nullish(v.string()),
})

/** One choice of a `chat.completion`. */
export const ChatCompletionChoiceSchema = v.looseObject({
  index: v.number(),
  message: CompletionMessageSchema,
  /** `stop`, `length`, `tool_calls`, `content_filter`, `function_call`, or a provider's own; `null` if unknown. */
  finish_reason: v.nullable(v.string()),
  logprobs: v.nullish(ChoiceLogprobsSchema),
  content_filter_results: v.optional(ContentFilterResultsSchema),
})

/** The fields a completion and each of its chunks share. */
export const CompletionMetadataEntries = {
  id: v.string(),
  created: v.number(),
  model: v.string(),
  usage: v.nullish(UsageSchema),
  system_fingerprint: v.nullish(v.string()),
  service_tier: v.nullish(v.string()),
  prompt_filter_results: v.optional(v.array(PromptFilterResultSchema)),
}

/** A whole (non-streamed or accumulated) chat completion. */
export const ChatCompletionSchema = v.looseObject({
  ...CompletionMetadataEntries,
  object: v.literal('chat.completion'),
  choices: v.array(ChatCompletionChoiceSchema),
})

/** A finish reason the OpenAI API defines. */
export type KnownFinishReason = v.InferOutput<typeof KnownFinishReasonSchema>
/** One candidate token at a position. */
export type TopLogprob = v.InferOutput<typeof TopLogprobSchema>
/** The log probability of one generated token. */
export type TokenLogprob = v.InferOutput<typeof TokenLogprobSchema>
/** The log probabilities of a choice. */
export type ChoiceLogprobs = v.InferOutput<typeof ChoiceLogprobsSchema>
/** A content filter's verdicts by category. */
export type ContentFilterResults = v.InferOutput<typeof ContentFilterResultsSchema>
/** The content filter's verdicts on one prompt. */
export type PromptFilterResult = v.InferOutput<typeof PromptFilterResultSchema>
/** A typed part of a reply's content. */
export type ReplyContentPart = v.InferOutput<typeof ReplyContentPartSchema>
/** An audio reply. */
export type ReplyAudio = v.InferOutput<typeof ReplyAudioSchema>
/** The model's reply in a `chat.completion`. */
export type CompletionMessage = v.InferOutput<typeof CompletionMessageSchema>
/** One choice of a `chat.completion`. */
export type ChatCompletionChoice = v.InferOutput<typeof ChatCompletionChoiceSchema>
/** A whole chat completion. */
export type ChatCompletion = v.InferOutput<typeof ChatCompletionSchema>
