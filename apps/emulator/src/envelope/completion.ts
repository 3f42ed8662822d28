import type { ChoicePlan, ReplyPlan } from '../model/plan.js'
import { filterResults } from '../problem.js'
import { logprobsOf, promptFilterResults, type RenderContext, SYSTEM_FINGERPRINT } from './context.js'

/** The non-streamed reply (`chat.completion`) for a plan, dressed for the dialect. */
export function renderCompletion(plan: ReplyPlan, context: RenderContext): Record<string, unknown> {
  return {
    id: context.id,
    object: 'chat.completion',
    created: context.created,
    model: context.model,
    ...(context.style.promptFilterChunk ? { prompt_filter_results: promptFilterResults() } : {}),
    choices: plan.choices.map((choice) => renderChoice(choice, context)),
    usage: plan.usage,
    system_fingerprint: SYSTEM_FINGERPRINT,
  }
}

function renderChoice(choice: ChoicePlan, context: RenderContext): Record<string, unknown> {
  const message: Record<string, unknown> = {
    role: 'assistant',
    content: choice.content === null ? null : choice.content.join(''),
    refusal: choice.refusal === null ? null : choice.refusal.join(''),
  }
  if (choice.reasoning.length > 0) message.reasoning_content = choice.reasoning.join('')
  if (choice.toolCalls.length > 0) {
    message.tool_calls = choice.toolCalls.map((call) => ({
      id: call.id,
      type: 'function',
      function: { name: call.name, arguments: call.arguments },
    }))
  }
  return {
    index: choice.index,
    message,
    logprobs:
      context.logprobs === undefined
        ? null
        : { content: logprobsOf(choice, choice.content ?? [], 0, context), refusal: null },
    finish_reason: choice.finishReason,
    ...(context.style.contentFilterResults
      ? { content_filter_results: filterResults(choice.filteredCategory) }
      : {}),
  }
}
