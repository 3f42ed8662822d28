import * as v from 'valibot'

// Counts are `nullish` wherever a real provider sends `null` or leaves the key out: DeepSeek on Azure AI sends
// `prompt_tokens_details: null`; Mistral sends no details at all. See packages/testkit/fixtures/recorded/README.md.

/** The breakdown of `usage.prompt_tokens`: tokens served from the prompt cache, audio input tokens. */
export const PromptTokensDetailsSchema = v.looseObject({
  cached_tokens: v.nullish(v.number()),
  audio_tokens: v.nullish(v.number()),
})

/** The breakdown of `usage.completion_tokens`: reasoning, audio output and predicted-output tokens. */
export const CompletionTokensDetailsSchema = v.looseObject({
  reasoning_tokens: v.nullish(v.number()),
  audio_tokens: v.nullish(v.number()),
  accepted_prediction_tokens: v.nullish(v.number()),
  rejected_prediction_tokens: v.nullish(v.number()),
})

/**
 * Token usage of a completion, on a response or on a stream's last chunk (`stream_options.include_usage`).
 * Provider extras pass through (Groq's `queue_time`, DeepSeek's `prompt_cache_hit_tokens`, xAI's
 * `num_sources_used`); the common ones are typed.
 */
export const UsageSchema = v.looseObject({
  prompt_tokens: v.number(),
  completion_tokens: v.number(),
  total_tokens: v.number(),
  prompt_tokens_details: v.nullish(PromptTokensDetailsSchema),
  completion_tokens_details: v.nullish(CompletionTokensDetailsSchema),
  /** Seconds the service spent on the request (Groq and other OpenAI-compatible hosts). */
  total_time: v.nullish(v.number()),
  /** Reasoning tokens reported at the top level (DeepSeek on Azure AI) rather than in the details. */
  reasoning_tokens: v.nullish(v.number()),
})

/** Token usage of a completion. */
export type Usage = v.InferOutput<typeof UsageSchema>
/** The breakdown of `usage.prompt_tokens`. */
export type PromptTokensDetails = v.InferOutput<typeof PromptTokensDetailsSchema>
/** The breakdown of `usage.completion_tokens`. */
export type CompletionTokensDetails = v.InferOutput<typeof CompletionTokensDetailsSchema>
