import type { ContentFilterError } from '@chatwire/core'
import * as v from 'valibot'
import {
  type ChoiceContentFilterResults,
  ChoiceContentFilterResultsSchema,
  type ContentFilterOffsets,
  ContentFilterOffsetsSchema,
  type ContentFilterResults,
  ContentFilterResultsSchema,
  type PromptFilterResult,
  PromptFilterResultsSchema,
} from './content-filter.js'

/** Anything with choices: a `chat.completion`, a `chat.completion.chunk`. */
interface WithChoices {
  choices: readonly { index?: number | undefined; [field: string]: unknown }[]
}

/**
 * The verdicts on the prompt, from a completion or a stream chunk (Azure sends them on a stream's first
 * chunk, which has no choices), typed; `undefined` when there are none.
 */
export function promptFilterResultsOf(source: {
  prompt_filter_results?: unknown
}): PromptFilterResult[] | undefined {
  return read(PromptFilterResultsSchema, source.prompt_filter_results, 'prompt_filter_results')
}

/**
 * The verdicts on one choice (by `index`, 0 unless given), from a completion, or from a chunk for the
 * verdict on that piece of text; `undefined` when there are none (OpenAI, or Azure's role and finish chunks).
 */
export function contentFilterResultsOf(
  source: WithChoices,
  choice = 0,
): ChoiceContentFilterResults | undefined {
  const results = choiceOf(source, choice)?.content_filter_results
  if (isEmptyObject(results)) return undefined
  return read(ChoiceContentFilterResultsSchema, results, 'content_filter_results')
}

/** The offsets of an asynchronous-filter annotation chunk's verdicts, for one choice. */
export function contentFilterOffsetsOf(source: WithChoices, choice = 0): ContentFilterOffsets | undefined {
  return read(
    ContentFilterOffsetsSchema,
    choiceOf(source, choice)?.content_filter_offsets,
    'content_filter_offsets',
  )
}

/**
 * The verdicts of a block, typed: those a {@link ContentFilterError} carries (a blocked prompt's), or those of a
 * `content_filter` outcome (`outcome.results`, a blocked completion's).
 */
export function contentFilterResultsOfBlock(
  source: ContentFilterError | { results: unknown },
): ContentFilterResults | undefined {
  if (isEmptyObject(source.results)) return undefined
  return read(ContentFilterResultsSchema, source.results, 'content filter results')
}

/**
 * The categories that blocked the text (`filtered: true`) and those only flagged (`detected: true`, or a
 * severity above `safe`, without filtering), for a message to the user or a log line.
 */
export function flaggedCategories(results: ContentFilterResults | ChoiceContentFilterResults | undefined): {
  filtered: string[]
  flagged: string[]
} {
  const filtered: string[] = []
  const flagged: string[] = []
  for (const [category, verdict] of Object.entries(results ?? {})) {
    if (typeof verdict !== 'object' || verdict === null || Array.isArray(verdict)) continue
    const { filtered: blocked, detected, severity } = verdict as Record<string, unknown>
    if (blocked === true) filtered.push(category)
    else if (detected === true || (typeof severity === 'string' && severity !== 'safe'))
      flagged.push(category)
  }
  return { filtered, flagged }
}

function choiceOf(source: WithChoices, index: number): Record<string, unknown> | undefined {
  return source.choices.find((choice) => (choice.index ?? 0) === index)
}

function isEmptyObject(value: unknown): boolean {
  if (value === undefined || value === null) return true
  return typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 0
}

function read<T extends v.GenericSchema>(
  schema: T,
  value: unknown,
  what: string,
): v.InferOutput<T> | undefined {
  if (value === undefined || value === null) return undefined
  const result = v.safeParse(schema, value)
  if (result.success) return result.output
  const issue = result.issues[0]
  const path = issue === undefined ? '' : v.getDotPath(issue)
  throw new TypeError(
    `Azure ${what} do not have the expected shape${path ? ` at ${path}` : ''}: ${issue?.message ?? 'invalid'}`,
  )
}
