import type { ChatRequestView } from '../chat-request.js'
import type { DialectName } from '../dialects/dialect.js'
import { lastUserText } from './conversation.js'
import { stableId } from './hash.js'
import { type ChoicePlan, choiceTokens, fitBudget, type ReplyPlan, toolCallsFinish } from './plan.js'
import { applyStop } from './stop.js'
import { tokenize } from './tokenize.js'
import { countPromptTokens, usageOf } from './usage.js'

/** A tool call a scripted reply makes. */
export interface ScriptedToolCall {
  /** The function's name. */
  name: string
  /** Its arguments: a value (sent as its JSON) or the JSON text itself (sent as it is, even when invalid). */
  arguments?: unknown
  /** The call's id; by default a stable one derived from the call. */
  id?: string | undefined
}

/**
 * What the model answers: a text, or the parts of one message. A reply with tool calls finishes with
 * `tool_calls` (`stop` when the request's `tool_choice` names a function, as OpenAI's does), else `stop`; `max_tokens` and `stop` cut it as they cut the scripted model's.
 */
export type ScriptedReply =
  | string
  | {
      /** The content; `null` or left out with tool calls or a refusal: no content. */
      text?: string | null | undefined
      /** The tool calls, in order. */
      toolCalls?: readonly ScriptedToolCall[] | undefined
      /** A refusal (`message.refusal`) in place of content. */
      refusal?: string | undefined
      /** Reasoning sent before the answer (`reasoning_content`). */
      reasoning?: string | undefined
    }

/** What a reply function is given. */
export interface ReplyRequest {
  dialect: DialectName
  /** The model that answers: the request's `model`, the Azure deployment's model, or the default one. */
  model: string
  /** The request as validated (Model Inference: after `extra-parameters`). */
  request: ChatRequestView
  /** The last user message's text (`''` without one). */
  lastUserText: string
  /** The request's scope, when it has one (the `x-emulator-scope` header). */
  scope: string | undefined
}

/**
 * A scripted reply for every request (a `ScriptedReply`), or a function of the request that returns one, or
 * `undefined` for the scripted model's own reply (it may return a promise).
 */
export type ReplyScript =
  | ScriptedReply
  | ((request: ReplyRequest) => ScriptedReply | undefined | Promise<ScriptedReply | undefined>)

const REPLY_FIELDS = ['text', 'toolCalls', 'refusal', 'reasoning']

/**
 * What is wrong with a scripted reply, as words for an error, or `undefined` when nothing is: a reply that is
 * not one (a number, `{ content }` for `{ text }`) would otherwise be an empty answer, silently.
 */
export function replyFault(reply: unknown): string | undefined {
  if (typeof reply === 'string') return undefined
  if (typeof reply !== 'object' || reply === null || Array.isArray(reply))
    return 'a text, or { text, toolCalls, refusal, reasoning }'
  const fields = reply as Record<string, unknown>
  const unknown = Object.keys(fields).find((key) => !REPLY_FIELDS.includes(key))
  if (unknown !== undefined) return `only the fields ${REPLY_FIELDS.join(', ')} (not ${unknown})`
  const { text, toolCalls, refusal, reasoning } = fields
  if (text !== undefined && text !== null && typeof text !== 'string')
    return 'a text that is a string or null'
  if (refusal !== undefined && typeof refusal !== 'string') return 'a refusal that is a string'
  if (reasoning !== undefined && typeof reasoning !== 'string') return 'reasoning that is a string'
  if (toolCalls === undefined) return undefined
  if (!Array.isArray(toolCalls)) return 'toolCalls that are a list of { name, arguments?, id? }'
  const bad = toolCalls.findIndex((call: { name?: unknown; id?: unknown } | null) => {
    if (typeof call !== 'object' || call === null) return true
    return (
      typeof call.name !== 'string' ||
      call.name === '' ||
      (call.id !== undefined && typeof call.id !== 'string')
    )
  })
  if (bad !== -1) return `toolCalls[${bad}] with a non-empty name (and an id, if any, that is a string)`
  const unwritable = toolCalls.findIndex((call: { arguments?: unknown }) => !writable(call.arguments))
  return unwritable === -1
    ? undefined
    : `toolCalls[${unwritable}] with arguments that are a JSON text or a value JSON.stringify writes (not a BigInt, function, symbol or cycle)`
}

/** Arguments the reply can send: otherwise every request it answers would fail. */
function writable(value: unknown): boolean {
  if (value === undefined || typeof value === 'string') return true
  try {
    return typeof JSON.stringify(value) === 'string'
  } catch {
    return false
  }
}

/**
 * The reply `script` gives this request, or `undefined` when it leaves it to the scripted model. What a reply
 * function returns is checked as a reply given at start is: a bad one fails its request (a 500, logged).
 */
export async function scriptedReply(
  script: ReplyScript | undefined,
  info: Omit<ReplyRequest, 'lastUserText'>,
): Promise<ScriptedReply | undefined> {
  if (typeof script !== 'function') return script
  const reply = await script({ ...info, lastUserText: lastUserText(info.request.messages) })
  const fault = reply === undefined ? undefined : replyFault(reply)
  if (fault !== undefined)
    throw new TypeError(`The emulator's reply function returned no reply: it takes ${fault}.`)
  return reply
}

/** The plan of a scripted reply: every choice of `n` says it, cut by `max_tokens` and `stop`. */
export function planScripted(reply: ScriptedReply, request: ChatRequestView): ReplyPlan {
  const parts = typeof reply === 'string' ? { text: reply } : reply
  const n = Math.min(Math.max(1, request.n ?? 1), 128)
  const choices = Array.from({ length: n }, (_, index) => planChoice(parts, index, request))
  const completionTokens = choices.reduce((sum, choice) => sum + choiceTokens(choice), 0)
  const reasoningTokens = choices.reduce((sum, choice) => sum + choice.reasoning.length, 0)
  return { choices, usage: usageOf(countPromptTokens(request), completionTokens, reasoningTokens) }
}

function planChoice(
  parts: Exclude<ScriptedReply, string>,
  index: number,
  request: ChatRequestView,
): ChoicePlan {
  const toolCalls = (parts.toolCalls ?? []).map((call, i) => {
    const json = typeof call.arguments === 'string' ? call.arguments : JSON.stringify(call.arguments ?? {})
    return {
      id: call.id ?? `call_${stableId(`${index}:${i}:${call.name}:${json}`)}`,
      name: call.name,
      arguments: json,
      argumentTokens: tokenize(json),
    }
  })
  const text = parts.text ?? (toolCalls.length > 0 || parts.refusal !== undefined ? null : '')
  return fitBudget(
    {
      index,
      reasoning: tokenize(parts.reasoning ?? ''),
      content: text === null ? null : tokenize(applyStop(text, request.stop)),
      refusal: parts.refusal === undefined ? null : tokenize(parts.refusal),
      toolCalls,
      finishReason: toolCallsFinish(toolCalls.length, request),
    },
    request.max_completion_tokens ?? request.max_tokens ?? undefined,
  )
}
