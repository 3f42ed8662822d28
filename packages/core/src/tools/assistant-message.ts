import type { AssistantMessage } from '../schema/message.js'
import type { ChatCompletion } from '../schema/response.js'

/**
 * The reply of choice `index` as the assistant message to send back in the next request: its text, refusal and
 * tool calls (the reader already folded a provider's content parts into text). Reasoning is left out: services that
 * reason ask not to get it back. A reply with none of these gets `content: ''`, which the service accepts.
 */
export function toAssistantMessage(completion: ChatCompletion, index = 0): AssistantMessage {
  const message = completion.choices.find((choice) => choice.index === index)?.message
  const calls = message?.tool_calls ?? []
  const refusal = message?.refusal
  const reply: AssistantMessage = { role: 'assistant', content: message?.content ?? null }
  if (typeof refusal === 'string' && refusal !== '') reply.refusal = refusal
  if (calls.length > 0) {
    reply.tool_calls = calls.map(({ id, function: { name, arguments: args } }) => ({
      id,
      type: 'function' as const,
      function: { name, arguments: args },
    }))
  }
  if (reply.content === null && reply.refusal === undefined && reply.tool_calls === undefined)
    reply.content = ''
  return reply
}
