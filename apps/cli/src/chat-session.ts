import type { ChatMessage, ChatResult, ChatStream } from '@chatwire/core'
import type { Service } from './service.js'

/** What every request of a session carries. */
export interface SessionOptions {
  system?: string | undefined
  temperature?: number | undefined
  maxTokens?: number | undefined
  /** Sent as `x-emulator-fault` on every request. */
  fault?: string | undefined
}

/** A conversation: the history so far, and the next question's stream. */
export interface ChatSession {
  readonly messages: readonly ChatMessage[]
  /** Streams the answer to `question`, the history before it included. */
  ask(question: string): ChatStream
  /**
   * Records how the last answer ended: its text (partial when stopped) joins the history; an answer with no text
   * takes its question out again, so that asking once more does not send it twice.
   */
  settle(result: ChatResult): void
}

/** Starts a conversation with `service`. */
export function createChatSession(service: Service, options: SessionOptions = {}): ChatSession {
  const messages: ChatMessage[] = options.system ? [{ role: 'system', content: options.system }] : []
  const headers = options.fault === undefined ? undefined : { 'x-emulator-fault': options.fault }
  return {
    messages,
    ask(question) {
      messages.push({ role: 'user', content: question })
      const request = {
        ...(service.model === undefined ? {} : { model: service.model }),
        messages: [...messages],
        ...(options.temperature === undefined ? {} : { temperature: options.temperature }),
        ...(options.maxTokens === undefined ? {} : tokenLimit(service, options.maxTokens)),
        stream_options: { include_usage: true },
      }
      return service.client.stream(request, { headers })
    },
    settle(result) {
      if (result.text !== '') messages.push({ role: 'assistant', content: result.text })
      else if (messages.at(-1)?.role === 'user') messages.pop()
    },
  }
}

/** Model Inference defines only `max_tokens`; OpenAI and Azure OpenAI take `max_completion_tokens`, the newer name. */
function tokenLimit(service: Service, tokens: number) {
  return service.dialect === 'inference' ? { max_tokens: tokens } : { max_completion_tokens: tokens }
}
