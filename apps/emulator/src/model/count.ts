const COUNT = /\bcount(?: from 1)? to (\d{1,6})\b/i

/** The largest count the model will recite; enough for a long stream, bounded so a typo cannot hang it. */
export const MAX_COUNT = 20_000

/** "count to 5" → "1, 2, 3, 4, 5." — a reply of predictable length, for long streams and benchmarks. */
export function countReply(userText: string): string | undefined {
  const match = COUNT.exec(userText)
  if (match?.[1] === undefined) return undefined
  const last = Math.min(Number(match[1]), MAX_COUNT)
  if (last < 1) return undefined
  return `${Array.from({ length: last }, (_, i) => String(i + 1)).join(', ')}.`
}
