import type { ChatRequestView } from '../chat-request.js'
import type { FilterCategory } from '../problem.js'
import { lastUserText, trailingToolMessages } from './conversation.js'
import { countReply } from './count.js'
import { type ModelDirective, modelDirectives } from './directives.js'
import { echoReply } from './echo.js'
import { stableId } from './hash.js'
import { jsonReply } from './json-reply.js'
import { reasoningText } from './reasoning.js'
import { applyStop } from './stop.js'
import { countTokens, tokenize } from './tokenize.js'
import { toolResultsReply } from './tool-results.js'
import { reportsInvalidArguments, type ToolRound, toolRoundsSinceUser } from './tool-rounds.js'
import { intendedToolCalls, type ToolCallIntent } from './tools.js'
import { countPromptTokens, type UsageView, usageOf } from './usage.js'

export type FinishReason = 'stop' | 'length' | 'tool_calls' | 'content_filter'

export interface PlannedToolCall {
  id: string
  name: string
  /** The whole arguments JSON (cut short when `max_tokens` ran out). */
  arguments: string
  /** The arguments split into tokens, one stream delta each. */
  argumentTokens: string[]
}

/** Everything one choice will say, decided before the first byte is sent. */
export interface ChoicePlan {
  index: number
  reasoning: string[]
  /** Content tokens; `null` when the choice only calls tools or refuses. */
  content: string[] | null
  /** Refusal tokens (`message.refusal`); `null` unless the model refuses. */
  refusal: string[] | null
  toolCalls: PlannedToolCall[]
  finishReason: FinishReason
  /** The content-filter category that cut this choice, when one did. */
  filteredCategory?: FilterCategory
}

/** The scripted model's whole reply: every choice and the usage they add up to. */
export interface ReplyPlan {
  choices: ChoicePlan[]
  usage: UsageView
}

export interface PlanOptions {
  /** The model reasons even without `reasoning_effort` (a reasoning model such as DeepSeek-R1). */
  alwaysReasons?: boolean
}

const MAX_CHOICES = 128

/**
 * Decides the reply to `request`. Deterministic: the same request always gets the same plan, so a test
 * can predict it and a retried request repeats it. The streamed and the non-streamed reply are both
 * rendered from this plan, which is why their text and usage agree.
 */
export function planReply(request: ChatRequestView, options: PlanOptions = {}): ReplyPlan {
  const n = Math.min(Math.max(1, request.n ?? 1), MAX_CHOICES)
  const choices = Array.from({ length: n }, (_, index) => planChoice(request, index, options))
  const completionTokens = choices.reduce((sum, choice) => sum + choiceTokens(choice), 0)
  const reasoningTokens = choices.reduce((sum, choice) => sum + choice.reasoning.length, 0)
  return { choices, usage: usageOf(countPromptTokens(request), completionTokens, reasoningTokens) }
}

function planChoice(request: ChatRequestView, index: number, options: PlanOptions): ChoicePlan {
  const variant = index + (request.seed ?? 0)
  const userText = lastUserText(request.messages)
  const draft = draftChoice(request, userText, variant)
  const effort = request.reasoning_effort ?? (options.alwaysReasons === true ? 'medium' : undefined)
  const reasoning = tokenize(reasoningText(effort, draft.steps) ?? '')
  const content = draft.text === null ? null : tokenize(applyStop(draft.text, request.stop))
  const calls = draft.calls.map((call, i) => toPlannedCall(call, `${index}:${i}:${variant}`))
  const refusal = draft.refusal === undefined ? null : tokenize(draft.refusal)
  return fitBudget(
    {
      index,
      reasoning,
      content,
      refusal,
      toolCalls: calls,
      finishReason: toolCallsFinish(calls.length, request),
    },
    request.max_completion_tokens ?? request.max_tokens ?? undefined,
  )
}

interface Draft {
  text: string | null
  refusal?: string
  calls: ToolCallIntent[]
  steps: string[]
}

/** What the `refuse` directive answers. */
export const REFUSAL_TEXT = "I'm sorry, but I can't help with that request."

function draftChoice(request: ChatRequestView, userText: string, variant: number): Draft {
  const quoted = `"${userText.split(/\s+/).slice(0, 8).join(' ')}"`
  const directives = modelDirectives(request.messages)
  if (directives.has('refuse')) {
    return {
      text: null,
      refusal: REFUSAL_TEXT,
      calls: [],
      steps: [`The user asks ${quoted}.`, 'I must not help with this.', 'I will say so plainly.'],
    }
  }
  const rounds = toolRoundsSinceUser(request.messages)
  const phase = nextPhase(userText, rounds, directives)
  const calls =
    phase === undefined
      ? []
      : intendedToolCalls(
          phase.text,
          request.tools ?? [],
          request.tool_choice,
          request.parallel_tool_calls,
          variant,
          { invalidArguments: phase.invalid },
        )
  if (calls.length > 0) {
    const names = [...new Set(calls.map((call) => call.name))].join(' and ')
    return {
      text: null,
      calls,
      steps: [
        `The user asks ${quoted}, which ${names} can answer.`,
        `I will make ${calls.length} call(s).`,
        'Then I will answer from the results.',
      ],
    }
  }
  const results =
    rounds.length > 0 ? rounds.flatMap((round) => round.results) : trailingToolMessages(request.messages)
  if (results.length > 0) {
    return {
      text: toolResultsReply(request.messages, results),
      calls: [],
      steps: [
        'The tool results are in.',
        'I will report each one in a clause.',
        'No further call is needed.',
      ],
    }
  }
  const json = jsonReply(request.response_format, userText, variant, directives)
  if (json !== undefined) {
    return {
      text: json,
      calls: [],
      steps: [
        'The answer must be JSON.',
        'I will fill in every property the format asks for.',
        'Then I will check the braces.',
      ],
    }
  }
  return {
    text: countReply(userText) ?? echoReply(userText, variant),
    calls: [],
    steps: [
      `The user wrote ${quoted}.`,
      'No tool is needed, so I will repeat the words back.',
      'I will keep them in order.',
    ],
  }
}

/**
 * Which part of the user's request the next round of calls serves. "then" splits the request into phases,
 * one round each ("weather in Paris and Tokyo, then the time in Oslo"); a round whose results report invalid
 * arguments is retried once (the `invalid_arguments` directive); `keep_calling_tools` repeats the last phase
 * forever. `undefined` once every phase has had its round: the model then answers from the results.
 */
function nextPhase(
  userText: string,
  rounds: readonly ToolRound[],
  directives: ReadonlySet<ModelDirective>,
): { text: string; invalid: boolean } | undefined {
  const phases = userText.split(/\bthen\b/iu)
  let index = 0
  let invalid = directives.has('invalid_arguments')
  for (const round of rounds) {
    const retried = invalid && reportsInvalidArguments(round)
    invalid = false
    if (!retried) index++
  }
  if (directives.has('keep_calling_tools')) index = Math.min(index, phases.length - 1)
  const text = phases[index]
  return text === undefined ? undefined : { text, invalid }
}

function toPlannedCall(call: ToolCallIntent, salt: string): PlannedToolCall {
  const json = JSON.stringify(call.arguments)
  return {
    id: `call_${stableId(`${salt}:${call.name}:${json}`)}`,
    name: call.name,
    arguments: json,
    argumentTokens: tokenize(json),
  }
}

/**
 * The finish reason of a reply that makes `calls` tool calls: `tool_calls`, but `stop` when `tool_choice`
 * names a function, as OpenAI answers a forced call (and vLLM, and LiteLLM in front of Gemini or Cohere).
 */
export function toolCallsFinish(calls: number, request: ChatRequestView): FinishReason {
  if (calls === 0) return 'stop'
  return typeof request.tool_choice === 'object' && request.tool_choice !== null ? 'stop' : 'tool_calls'
}

/** Cuts the choice to `max_tokens`: reasoning first, then content, then tool calls; cut means `length`. */
export function fitBudget(choice: ChoicePlan, budget: number | undefined): ChoicePlan {
  if (budget === undefined || choiceTokens(choice) <= budget) return choice
  let left = budget
  const take = (tokens: string[]): string[] => {
    const kept = tokens.slice(0, Math.max(0, left))
    left -= kept.length
    return kept
  }
  const reasoning = take(choice.reasoning)
  const content = choice.content === null ? null : take(choice.content)
  const refusal = choice.refusal === null ? null : take(choice.refusal)
  const toolCalls: PlannedToolCall[] = []
  for (const call of choice.toolCalls) {
    const nameCost = countTokens(call.name)
    if (left < nameCost) break
    left -= nameCost
    const argumentTokens = take(call.argumentTokens)
    toolCalls.push({ ...call, argumentTokens, arguments: argumentTokens.join('') })
  }
  return { ...choice, reasoning, content, refusal, toolCalls, finishReason: 'length' }
}

/** What a choice costs in completion tokens; the same count whether it is streamed or not. */
export function choiceTokens(choice: ChoicePlan): number {
  let total = choice.reasoning.length + (choice.content?.length ?? 0) + (choice.refusal?.length ?? 0)
  for (const call of choice.toolCalls) total += countTokens(call.name) + call.argumentTokens.length
  return total
}
