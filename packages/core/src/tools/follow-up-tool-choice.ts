import type { ToolChoice } from '../schema/request.js'

/**
 * The `tool_choice` of a request that answers tool results: `'auto'` where the first request forced a call
 * (`'required'`, or a function named). A service forces the call on every request that asks (OpenAI finishes
 * it with `stop`), so a loop that kept asking would call the same tool until its step limit; given the
 * results, the model may now answer.
 */
export function followUpToolChoice(choice: ToolChoice | undefined): ToolChoice | undefined {
  return choice === 'required' || (typeof choice === 'object' && choice !== null) ? 'auto' : choice
}
