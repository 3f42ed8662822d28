import type { EnvelopeStyle } from '../dialects/dialect.js'
import { type TokenLogprob, tokenLogprob } from '../model/logprobs.js'
import type { ChoicePlan } from '../model/plan.js'
import { filterResults } from '../problem.js'

/** What every chunk or completion of one reply shares. */
export interface RenderContext {
  id: string
  created: number
  model: string
  style: EnvelopeStyle
  /** Set when the request asked for `logprobs`; `top` is `top_logprobs`. */
  logprobs: { top: number; seed: number } | undefined
  /** Send a usage chunk at the end of the stream (`stream_options.include_usage`, or the dialect always does). */
  includeUsage: boolean
}

export const SYSTEM_FINGERPRINT = 'fp_emulator'

export function logprobsOf(
  choice: ChoicePlan,
  tokens: readonly string[],
  start: number,
  context: RenderContext,
): TokenLogprob[] {
  const { logprobs } = context
  if (logprobs === undefined) return []
  return tokens.map((token, i) => tokenLogprob(token, start + i, logprobs.seed + choice.index, logprobs.top))
}

/** Azure's prompt verdicts: the prompt passed every filter (a blocked prompt never gets this far). */
export function promptFilterResults(): unknown[] {
  return [{ prompt_index: 0, content_filter_results: filterResults(undefined, 'safe', true) }]
}
