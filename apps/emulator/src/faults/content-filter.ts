import { type ChoicePlan, choiceTokens, type ReplyPlan } from '../model/plan.js'
import { usageOf } from '../model/usage.js'
import { type FaultSpec, numberParam } from './spec.js'
import { categoryParam } from './to-problem.js'

/**
 * The completion content filter: every choice keeps its first `after` content tokens, loses its tool calls
 * and finishes with `content_filter`, as when the service's output filter blocks the rest. Usage counts
 * what was sent, as everywhere else.
 */
export function filterCompletion(plan: ReplyPlan, spec: FaultSpec): ReplyPlan {
  const after = Math.trunc(numberParam(spec, 'after', 3))
  const category = categoryParam(spec, 'violence')
  const choices = plan.choices.map(
    (choice): ChoicePlan => ({
      ...choice,
      content: (choice.content ?? []).slice(0, after),
      toolCalls: [],
      finishReason: 'content_filter',
      filteredCategory: category,
    }),
  )
  const completion = choices.reduce((sum, choice) => sum + choiceTokens(choice), 0)
  const reasoning = choices.reduce((sum, choice) => sum + choice.reasoning.length, 0)
  return { choices, usage: usageOf(plan.usage.prompt_tokens, completion, reasoning) }
}
