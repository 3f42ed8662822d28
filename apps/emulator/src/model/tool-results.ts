import { type MessageView, messageText } from '../chat-request.js'

/**
 * The answer once tool results are in: one clause per result, naming the tool and what it was called with,
 * so a test can see that every result reached the model ("get_weather (Paris): 22 °C and sunny.").
 */
export function toolResultsReply(messages: readonly MessageView[], results: readonly MessageView[]): string {
  const calls = new Map<string, { name: string; arguments: string }>()
  for (const message of messages) {
    for (const call of message.tool_calls ?? []) calls.set(call.id, call.function)
  }
  const clauses = results.map((result) => {
    const call = result.tool_call_id === undefined ? undefined : calls.get(result.tool_call_id)
    const label = call === undefined ? 'the tool' : `${call.name}${describeArguments(call.arguments)}`
    return `${label}: ${messageText(result).trim() || 'no result'}`
  })
  return `Here is what I found. ${clauses.join('; ')}.`
}

function describeArguments(json: string): string {
  try {
    const parsed: unknown = JSON.parse(json)
    if (typeof parsed !== 'object' || parsed === null) return ''
    const values = Object.values(parsed).filter((value) => typeof value !== 'object')
    return values.length === 0 ? '' : ` (${values.join(', ')})`
  } catch {
    return ''
  }
}
