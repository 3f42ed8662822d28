/** How many sentences of reasoning each `reasoning_effort` buys. */
const SENTENCES_BY_EFFORT: Record<string, number> = { minimal: 1, low: 1, medium: 2, high: 3, xhigh: 3 }

/**
 * The reasoning text sent before the answer (`reasoning_content`), or `undefined` when the request asks for
 * none. `steps` are the sentences that describe what the model is about to do, most important first.
 */
export function reasoningText(
  effort: string | null | undefined,
  steps: readonly string[],
): string | undefined {
  if (effort === undefined || effort === null || effort === 'none') return undefined
  const count = SENTENCES_BY_EFFORT[effort] ?? 2
  return steps.slice(0, count).join(' ')
}
