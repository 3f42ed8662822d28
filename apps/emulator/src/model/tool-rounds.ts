import { type MessageView, messageText, type ToolCallView } from '../chat-request.js'

/** One round of a tool loop: the model's calls and the tool messages that answered them. */
export interface ToolRound {
  calls: ToolCallView[]
  results: MessageView[]
}

/** The rounds of tool calls since the last user message, oldest first. */
export function toolRoundsSinceUser(messages: readonly MessageView[]): ToolRound[] {
  let start = 0
  for (let i = messages.length - 1; i >= 0; i--) {
    if (messages[i]?.role === 'user') {
      start = i + 1
      break
    }
  }
  const rounds: ToolRound[] = []
  for (const message of messages.slice(start)) {
    if (message.role === 'assistant' && (message.tool_calls?.length ?? 0) > 0) {
      rounds.push({ calls: message.tool_calls ?? [], results: [] })
    } else if (message.role === 'tool') {
      rounds.at(-1)?.results.push(message)
    }
  }
  return rounds
}

/** Whether a round's results report invalid arguments (the words a tool runner writes for them). */
export function reportsInvalidArguments(round: ToolRound): boolean {
  return round.results.some((result) => /\binvalid\b/iu.test(messageText(result)))
}
