import type { ChatMessage } from '../schema/message.js'
import type { AssistantThreadMessage, ThreadMessage, ThreadToolCall } from './thread-message.js'

/**
 * The conversation a request carries for `thread`: each message as the API knows it; an assistant message's
 * tool calls followed by one `tool` message per call with its result (a failed, denied or cancelled call sends
 * its reason, so the service never sees a call without an answer). Reasoning is not sent back.
 */
export function requestMessages(thread: readonly ThreadMessage[]): ChatMessage[] {
  const messages: ChatMessage[] = []
  for (const message of thread) {
    if (message.role !== 'assistant') {
      messages.push({ role: message.role, content: message.content })
      continue
    }
    const assistant = assistantMessage(message)
    if (assistant === undefined) continue
    messages.push(assistant)
    for (const call of message.toolCalls) {
      messages.push({ role: 'tool', tool_call_id: call.id, content: resultText(call) })
    }
  }
  return messages
}

function assistantMessage(message: AssistantThreadMessage): ChatMessage | undefined {
  const { content, refusal, toolCalls } = message
  // A reply stopped before its first word has nothing to send back; the service rejects an empty one.
  if (content === '' && refusal === '' && toolCalls.length === 0) return undefined
  return {
    role: 'assistant',
    content: content === '' ? null : content,
    ...(refusal === '' ? {} : { refusal }),
    ...(toolCalls.length === 0
      ? {}
      : {
          tool_calls: toolCalls.map((call) => ({
            id: call.id,
            type: 'function' as const,
            function: { name: call.name, arguments: call.arguments },
          })),
        }),
  }
}

/** The text a call's `tool` message carries: its result (strings as they are, else JSON) or its error. */
export function resultText(call: ThreadToolCall): string {
  if (call.state !== 'done') return JSON.stringify({ error: call.error ?? `The tool call was ${call.state}` })
  if (typeof call.result === 'string') return call.result
  return JSON.stringify(call.result ?? null)
}
