import { type ChatRequestView, messageText } from '../chat-request.js'
import { countTokens } from './tokenize.js'

/** Token usage in the OpenAI shape, with the details objects the real services send. */
export interface UsageView {
  prompt_tokens: number
  completion_tokens: number
  total_tokens: number
  prompt_tokens_details: { cached_tokens: number; audio_tokens: number }
  completion_tokens_details: {
    reasoning_tokens: number
    audio_tokens: number
    accepted_prediction_tokens: number
    rejected_prediction_tokens: number
  }
}

/** Tokens every message costs besides its text (role and separators), as chat formats do. */
const PER_MESSAGE = 3
/** Tokens that prime the reply. */
const PER_REPLY = 3

/** The prompt's size by the same tokenizer as the completion: texts, names, tool calls and tool definitions. */
export function countPromptTokens(request: ChatRequestView): number {
  let total = PER_REPLY
  for (const message of request.messages) {
    total += PER_MESSAGE + countTokens(messageText(message))
    if (typeof message.name === 'string') total += countTokens(message.name)
    for (const call of message.tool_calls ?? []) {
      total += countTokens(call.function.name) + countTokens(call.function.arguments)
    }
  }
  if (request.tools !== undefined && request.tools !== null && request.tools.length > 0) {
    total += countTokens(JSON.stringify(request.tools))
  }
  return total
}

export function usageOf(promptTokens: number, completionTokens: number, reasoningTokens: number): UsageView {
  return {
    prompt_tokens: promptTokens,
    completion_tokens: completionTokens,
    total_tokens: promptTokens + completionTokens,
    prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
    completion_tokens_details: {
      reasoning_tokens: reasoningTokens,
      audio_tokens: 0,
      accepted_prediction_tokens: 0,
      rejected_prediction_tokens: 0,
    },
  }
}
