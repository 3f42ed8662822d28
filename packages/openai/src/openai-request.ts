import type { ChatRequest } from '@chatwire/core'

/**
 * Sampling fields that OpenAI-compatible hosts take beside OpenAI's own (vLLM, Together, Fireworks, OpenRouter,
 * LM Studio, llama.cpp); OpenAI itself rejects them. `repetition_penalty` is checked by the core schema.
 */
export interface OpenAICompatibleExtras {
  /** Samples from the `top_k` most likely tokens only. */
  top_k?: number | undefined
  /** Drops tokens less likely than `min_p` times the most likely one (0 to 1). */
  min_p?: number | undefined
}

/** Fields of OpenAI's API newer than the core request. */
export interface OpenAIRequestFields {
  /** How long the answer is (`low`, `medium`, `high`; GPT-5 models). */
  verbosity?: 'low' | 'medium' | 'high' | undefined
  /** Groups requests that share a long prefix, so the service hits its prompt cache more often. */
  prompt_cache_key?: string | undefined
  /** A stable id of your end user (a hash, not their name), for the service's abuse detection. */
  safety_identifier?: string | undefined
}

/**
 * A request to OpenAI or a compatible host: the core request, with the model it must name, OpenAI's newer
 * fields and the compatible hosts' sampling fields. Any other field is a compile error unless named in the
 * `Extra` type parameter of `createOpenAI`.
 */
export type OpenAIChatRequest = ChatRequest & OpenAIRequestFields & OpenAICompatibleExtras & { model: string }
