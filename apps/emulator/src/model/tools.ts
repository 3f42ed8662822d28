import type { JsonSchema, ToolChoiceView, ToolView } from '../chat-request.js'
import { breakValue } from './break-value.js'
import { generateFromSchema } from './json-schema.js'

/** A call the model decided to make: the tool's name and its arguments (an object, unless made invalid). */
export interface ToolCallIntent {
  name: string
  arguments: unknown
}

/** How the calls are made. */
export interface ToolCallOptions {
  /** Give each call arguments that fail its tool's schema (the `invalid_arguments` directive). */
  invalidArguments?: boolean
}

/** Words in tool names that say nothing about what the tool is for. */
const FILLER = new Set([
  'get',
  'set',
  'fetch',
  'find',
  'lookup',
  'look',
  'up',
  'current',
  'the',
  'a',
  'an',
  'of',
  'by',
])
const FILLER_ALSO = new Set([
  'for',
  'to',
  'info',
  'data',
  'details',
  'api',
  'tool',
  'call',
  'do',
  'run',
  'query',
])

/** Properties that most likely take the thing the user named ("Paris" in "weather in Paris"). */
const SUBJECT_NAMES = [
  'location',
  'city',
  'place',
  'query',
  'q',
  'name',
  'symbol',
  'topic',
  'subject',
  'text',
]

/** The most calls one reply makes, however many subjects the user lists. */
export const MAX_CALLS = 32

interface Mention {
  tool: ToolView
  at: number
}

/**
 * The calls the user's words ask for. A tool matches when a meaningful word of its name ("weather" in
 * `get_weather`) appears in the message; what follows "in / for / at / of / about" up to the next tool's
 * word is split on commas and "and" into subjects, one call each ("weather in Paris and Tokyo" → two
 * calls). `tool_choice` and `parallel_tool_calls` are honoured.
 */
export function intendedToolCalls(
  userText: string,
  tools: readonly ToolView[],
  toolChoice: ToolChoiceView | null | undefined,
  parallel: boolean | null | undefined,
  variant: number,
  options: ToolCallOptions = {},
): ToolCallIntent[] {
  const functions = tools.filter((tool) => tool.type === 'function')
  if (functions.length === 0 || toolChoice === 'none') return []

  let mentions = findMentions(userText, functions)
  if (typeof toolChoice === 'object' && toolChoice !== null) {
    const forced = functions.find((tool) => tool.function.name === toolChoice.function.name)
    if (forced === undefined) return []
    mentions = mentions.filter((mention) => mention.tool === forced)
    if (mentions.length === 0) mentions = [{ tool: forced, at: 0 }]
  } else if (toolChoice === 'required' && mentions.length === 0) {
    mentions = [{ tool: functions[0] as ToolView, at: 0 }]
  }

  const calls: ToolCallIntent[] = []
  mentions.forEach((mention, i) => {
    const clause = userText.slice(mention.at, mentions[i + 1]?.at ?? userText.length)
    const subjects = subjectsOf(clause)
    for (const subject of subjects.length > 0 ? subjects : [undefined]) {
      const valid = argumentsFor(mention.tool, subject, userText, variant)
      const schema = mention.tool.function.parameters ?? {}
      calls.push({
        name: mention.tool.function.name,
        arguments: options.invalidArguments === true ? breakValue(schema, valid) : valid,
      })
    }
  })
  return parallel === false ? calls.slice(0, 1) : calls.slice(0, MAX_CALLS)
}

function findMentions(text: string, tools: readonly ToolView[]): Mention[] {
  const mentions: Mention[] = []
  for (const tool of tools) {
    let first = -1
    for (const keyword of keywordsOf(tool.function.name)) {
      const match = new RegExp(`\\b${escapeRegExp(keyword)}(?:e?s)?\\b`, 'iu').exec(text)
      if (match !== null && (first === -1 || match.index < first)) first = match.index
    }
    if (first !== -1) mentions.push({ tool, at: first })
  }
  return mentions.sort((a, b) => a.at - b.at)
}

/** `get_current_weather` → ["weather"], `lookupStockPrice` → ["stock", "price"]. */
export function keywordsOf(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[^\p{L}\p{N}]+/u)
    .map((word) => word.toLowerCase())
    .filter((word) => word.length > 1 && !FILLER.has(word) && !FILLER_ALSO.has(word))
}

function subjectsOf(clause: string): string[] {
  const match = /\b(?:in|for|at|of|about|on|near)\s+(.+)/iu.exec(clause)
  if (match?.[1] === undefined) return []
  return withoutEndPunctuation(match[1])
    .split(/\s*(?:,|&|\band\b)\s*/iu)
    .map((subject) => subject.replace(/^(?:the|a|an)\s+/iu, '').trim())
    .filter((subject) => subject !== '' && !/^(?:and|or)$/iu.test(subject))
}

// By hand: `/[?.!;:]+\s*$/` takes quadratic time on a long run of `?` that does not end the text (100 KB: 76 s).
function withoutEndPunctuation(text: string): string {
  let end = text.length
  while (end > 0 && /\s/u.test(text[end - 1] as string)) end--
  const beforeSpace = end
  while (end > 0 && '?.!;:'.includes(text[end - 1] as string)) end--
  return end === beforeSpace ? text : text.slice(0, end)
}

function argumentsFor(
  tool: ToolView,
  subject: string | undefined,
  userText: string,
  variant: number,
): Record<string, unknown> {
  const schema: JsonSchema = tool.function.parameters ?? { type: 'object', properties: {} }
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>
  const required = Array.isArray(schema.required) ? schema.required.map(String) : []
  const subjectKey = subject === undefined ? undefined : subjectProperty(properties, required)
  const words = (subject ?? userText).split(/\s+/).filter(Boolean)
  const generated = generateFromSchema(
    { ...schema, type: 'object', properties: onlyThese(properties, [...required, subjectKey]) },
    { words, variant },
  ) as Record<string, unknown>
  if (subjectKey !== undefined) generated[subjectKey] = subject
  return generated
}

/** The string property to put the subject in: a well-named one, else the first required free string. */
function subjectProperty(
  properties: Record<string, JsonSchema>,
  required: readonly string[],
): string | undefined {
  const isFreeString = (name: string): boolean => {
    const property = properties[name]
    return property !== undefined && property.enum === undefined && (property.type ?? 'string') === 'string'
  }
  const names = Object.keys(properties).filter(isFreeString)
  return (
    names.find((name) => SUBJECT_NAMES.includes(name.toLowerCase())) ??
    names.find((name) => required.includes(name)) ??
    names[0]
  )
}

function onlyThese(
  properties: Record<string, JsonSchema>,
  names: readonly (string | undefined)[],
): Record<string, JsonSchema> {
  const kept: Record<string, JsonSchema> = {}
  for (const name of names)
    if (name !== undefined && properties[name] !== undefined) kept[name] = properties[name]
  return kept
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
