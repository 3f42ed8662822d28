import type { ChoicePlan, ReplyPlan } from '../model/plan.js'
import { filterResults } from '../problem.js'
import { logprobsOf, promptFilterResults, type RenderContext, SYSTEM_FINGERPRINT } from './context.js'

type ChunkChoice = Record<string, unknown>

/**
 * The streamed reply for a plan: one `chat.completion.chunk` per token, the choices interleaved as the
 * real services do when `n > 1`, then the finish chunks and, when asked for, a usage-only chunk.
 * Azure OpenAI's empty prompt-filter chunk comes first; Model Inference's tool calls come whole, unindexed.
 */
export function* renderChunks(plan: ReplyPlan, context: RenderContext): Generator<Record<string, unknown>> {
  const usageField = context.includeUsage ? { usage: null } : {}
  const chunk = (choices: ChunkChoice[]): Record<string, unknown> => ({
    id: context.id,
    object: 'chat.completion.chunk',
    created: context.created,
    model: context.model,
    system_fingerprint: SYSTEM_FINGERPRINT,
    choices,
    ...usageField,
  })

  if (context.style.promptFilterChunk) {
    yield {
      choices: [],
      created: 0,
      id: '',
      model: '',
      object: '',
      prompt_filter_results: promptFilterResults(),
    }
  }
  const lanes = plan.choices.map((choice) => choiceDeltas(choice, context))
  const longest = Math.max(0, ...lanes.map((lane) => lane.length))
  for (let step = 0; step < longest; step++) {
    for (const lane of lanes) {
      const delta = lane[step]
      if (delta !== undefined) yield chunk([delta])
    }
  }
  if (context.includeUsage) yield { ...chunk([]), usage: plan.usage }
}

/** Every chunk choice of one choice, in order: role, reasoning, content, refusal or tool calls, finish. */
function choiceDeltas(choice: ChoicePlan, context: RenderContext): ChunkChoice[] {
  const { style } = context
  const safe = style.contentFilterResults ? { content_filter_results: filterResults(undefined) } : {}
  const empty = style.contentFilterResults ? { content_filter_results: {} } : {}
  const entry = (delta: Record<string, unknown>, extra: Record<string, unknown> = {}): ChunkChoice => ({
    index: choice.index,
    delta,
    logprobs: null,
    finish_reason: null,
    ...extra,
  })

  const deltas: ChunkChoice[] = [
    entry({ role: 'assistant', content: choice.content === null ? null : '', refusal: null }, empty),
  ]
  for (const token of choice.reasoning) deltas.push(entry({ reasoning_content: token }, safe))
  const content = choice.content ?? []
  content.forEach((token, position) => {
    const logprobs =
      context.logprobs === undefined
        ? null
        : { content: logprobsOf(choice, [token], position, context), refusal: null }
    deltas.push(entry({ content: token }, { ...safe, logprobs }))
  })
  for (const token of choice.refusal ?? []) deltas.push(entry({ refusal: token }, safe))
  choice.toolCalls.forEach((call, index) => {
    if (!style.toolCallIndex) {
      deltas.push(
        entry({
          tool_calls: [
            { id: call.id, type: 'function', function: { name: call.name, arguments: call.arguments } },
          ],
        }),
      )
      return
    }
    deltas.push(
      entry({
        tool_calls: [{ index, id: call.id, type: 'function', function: { name: call.name, arguments: '' } }],
      }),
    )
    for (const fragment of call.argumentTokens) {
      deltas.push(entry({ tool_calls: [{ index, function: { arguments: fragment } }] }))
    }
  })
  const finishFilter = style.contentFilterResults
    ? {
        content_filter_results:
          choice.filteredCategory === undefined ? {} : filterResults(choice.filteredCategory),
      }
    : {}
  deltas.push({ ...entry({}, finishFilter), finish_reason: choice.finishReason })
  return deltas
}
