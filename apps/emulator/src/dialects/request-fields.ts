import { ChatRequestSchema } from '@chatwire/core/schema'

/** Fields of OpenAI's chat-completions API that `@chatwire/core`'s request schema does not check. */
const OPENAI_FIELDS = [
  'verbosity',
  'prompt_cache_key',
  'prompt_cache_retention',
  'safety_identifier',
  'prediction',
  'web_search_options',
  'functions',
  'function_call',
]

/** Azure OpenAI's own fields (On Your Data, Defender for Cloud). */
const AZURE_OPENAI_FIELDS = ['data_sources', 'user_security_context', 'enhancements']

/**
 * What OpenAI-compatible services take beside OpenAI's fields, and chatwire's adapters send: vLLM, SGLang,
 * llama.cpp, Together, Fireworks, OpenRouter, Groq, DeepSeek, Qwen (DashScope), Mistral.
 */
const COMPATIBLE_FIELDS = [
  'top_k',
  'min_p',
  'top_a',
  'typical_p',
  'min_tokens',
  'ignore_eos',
  'skip_special_tokens',
  'stop_token_ids',
  'best_of',
  'use_beam_search',
  'length_penalty',
  'echo',
  'guided_json',
  'guided_choice',
  'guided_regex',
  'guided_grammar',
  'guided_decoding_backend',
  'structured_outputs',
  'chat_template',
  'chat_template_kwargs',
  'add_generation_prompt',
  'grammar',
  'json_schema',
  'cache_prompt',
  'mirostat',
  'reasoning',
  'include_reasoning',
  'reasoning_format',
  'thinking',
  'enable_thinking',
  'provider',
  'models',
  'route',
  'transforms',
  'usage',
  'safe_prompt',
  'random_seed',
  'prompt_mode',
  'context_length_exceeded_behavior',
]

/**
 * Every top-level request field some OpenAI-compatible service knows: the OpenAI-shaped routes answer any
 * other with OpenAI's 400 "Unrecognized request argument supplied" (unless `strictRequests: false`). The
 * schema's own fields are read from it, so that a field core learns is known here at once.
 */
export const KNOWN_REQUEST_FIELDS: ReadonlySet<string> = new Set([
  ...Object.keys(ChatRequestSchema.pipe[0].entries),
  ...OPENAI_FIELDS,
  ...AZURE_OPENAI_FIELDS,
  ...COMPATIBLE_FIELDS,
])
