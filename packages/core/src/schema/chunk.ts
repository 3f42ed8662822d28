import * as v from 'valibot'
import {
  ChoiceLogprobsSchema,
  CompletionMetadataEntries,
  ContentFilterResultsSchema,
  ReplyContentPartSchema,
} from './response.js'

// Every field a provider may leave out is optional here: this schema describes what arrives on the wire,
// not what OpenAI documents. Recorded examples of each quirk are in packages/testkit/fixtures/recorded/.

/**
 * A piece of a tool call. `index` is missing from Azure AI Model Inference and Mistral (match by `id`), `type`
 * from Mistral, and follow-up pieces may repeat `id: ""` (Qwen) or `name: ""`.
 */
export const ToolCallDeltaSchema = v.looseObject({
  index: v.optional(v.number()),
  id: v.nullish(v.string()),
  type: v.nullish(v.string()),
  function: v.nullish(
    v.looseObject({
      name: v.nullish(v.string()),
      arguments: v.nullish(v.string()),
    }),
  ),
})

/** A piece of an audio reply. */
export const AudioDeltaSchema = v.looseObject({
  id: v.optional(v.string()),
  data: v.optional(v.string()),
  transcript: v.optional(v.string()),
  expires_at: v.optional(v.number()),
})

/** What one chunk adds to a choice. */
export const ChunkDeltaSchema = v.looseObject({
  role: v.nullish(v.string()),
  /** A string, or typed parts (Mistral's `thinking` and `text` parts). */
  content: v.nullish(v.union([v.string(), v.array(ReplyContentPartSchema)])),
  refusal: v.nullish(v.string()),
  reasoning_content: v.nullish(v.string()),
  reasoning: v.nullish(v.string()),
  tool_calls: v.nullish(v.array(ToolCallDeltaSchema)),
  audio: v.nullish(AudioDeltaSchema),
})

/**
 * One choice of a chunk. `delta` is missing from Azure's annotation chunks (content-filter results sent after
 * the finish), and `finish_reason` may be `null`, `""` or missing until the last chunk of a choice.
 */
export const ChunkChoiceSchema = v.looseObject({
  index: v.optional(v.number()),
  delta: v.optional(ChunkDeltaSchema),
  finish_reason: v.nullish(v.string()),
  logprobs: v.nullish(ChoiceLogprobsSchema),
  content_filter_results: v.optional(ContentFilterResultsSchema),
})

/**
 * One `chat.completion.chunk` of a stream. `object` is any string: Azure's prompt-filter chunk has `""` (with
 * `id: ""`, `model: ""`, `created: 0`), Perplexity's last chunk `chat.completion.done`.
 */
export const ChatCompletionChunkSchema = v.looseObject({
  ...CompletionMetadataEntries,
  object: v.string(),
  choices: v.array(ChunkChoiceSchema),
})

/** A piece of a tool call. */
export type ToolCallDelta = v.InferOutput<typeof ToolCallDeltaSchema>
/** A piece of an audio reply. */
export type AudioDelta = v.InferOutput<typeof AudioDeltaSchema>
/** What one chunk adds to a choice. */
export type ChunkDelta = v.InferOutput<typeof ChunkDeltaSchema>
/** One choice of a chunk. */
export type ChunkChoice = v.InferOutput<typeof ChunkChoiceSchema>
/** One `chat.completion.chunk` of a stream. */
export type ChatCompletionChunk = v.InferOutput<typeof ChatCompletionChunkSchema>
