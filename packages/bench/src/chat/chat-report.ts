// Turns the chat benchmarks' results into BENCHMARKS.md's chat section: the store's cost per token by thread
// length, and what React commits while a reply streams.
import { measuredOn } from '../machine.js'
import { markdownTable } from '../markdown-table.js'

/** What a thread-length suite of the store bench carries in its meta. */
export interface ChatStoreBenchInfo {
  priorMessages: number
  /** The token counts of the two replies each contender streams; the cost per token is the slope between. */
  shortTokens: number
  longTokens: number
}

/** What the React run measured, written into its suite's meta as it ends. */
export interface ChatRenderBenchInfo {
  priorMessages: number
  chunks: number
  durationMs: number
  frames: number
  commits: number
  /** The most commits in any one frame. */
  maxCommitsPerFrame: number
  settledRowRenders: number
  streamingRowRenders: number
  reactVersion: string
}

declare module '@vitest/runner' {
  interface TaskMeta {
    chatStoreBench?: ChatStoreBenchInfo
    chatRenderBench?: ChatRenderBenchInfo
  }
}

/** The contender that only iterates the events; the store's cost is the difference. */
export const EVENTS_ONLY = 'events only'
/** The same events through a chat that notifies on every token (throttle 0). */
export const NOTIFY_PER_TOKEN = 'chat store, a notify per token'
/** The same events through a chat that notifies once per animation frame (the default). */
export const NOTIFY_PER_FRAME = 'chat store, a notify per frame'

/** The bench name of a contender streaming `tokens` tokens. */
export function contender(name: string, tokens: number): string {
  return `${name} × ${tokens}`
}

/**
 * One thread length: the fastest ms of each contender over a whole reply, by bench name (the least a run took:
 * on a shared machine other processes only ever add time, and the slope between two lengths amplifies noise).
 */
export interface ChatStoreResults {
  info: ChatStoreBenchInfo
  fastestMs: Record<string, number>
}

const fixed = (value: number, digits: number) => value.toFixed(digits)

/** The markdown block of the chat section. */
export function renderChatSection(
  stores: readonly ChatStoreResults[],
  render: ChatRenderBenchInfo | undefined,
): string {
  // The slope between the two reply lengths, less the events' own: µs per token of the store alone.
  const perToken = ({ info, fastestMs }: ChatStoreResults, name: string) => {
    const slope = (of: string) =>
      ((fastestMs[contender(of, info.longTokens)] ?? Number.NaN) -
        (fastestMs[contender(of, info.shortTokens)] ?? Number.NaN)) /
      (info.longTokens - info.shortTokens)
    return (slope(name) - slope(EVENTS_ONLY)) * 1000
  }
  const rows = stores.map((results) => [
    String(results.info.priorMessages),
    `${results.info.shortTokens} → ${results.info.longTokens}`,
    fixed(perToken(results, NOTIFY_PER_TOKEN), 3),
    fixed(perToken(results, NOTIFY_PER_FRAME), 3),
  ])
  const [shortest, longest] = [stores[0], stores.at(-1)]
  const ratio = (name: string) =>
    shortest && longest ? fixed(perToken(longest, name) / perToken(shortest, name), 2) : 'n/a'
  const lines = [
    measuredOn(),
    '',
    markdownTable(
      ['prior messages', 'reply tokens', 'a notify per token: µs/token', 'a notify per frame: µs/token'],
      ['right', 'right', 'right', 'right'],
      rows,
    ),
    '',
    `Longest thread / shortest: ${ratio(NOTIFY_PER_TOKEN)}× with a notify per token, ${ratio(NOTIFY_PER_FRAME)}× with a notify per frame.`,
  ]
  if (render !== undefined) {
    lines.push(
      '',
      markdownTable(
        [
          'React',
          'prior messages',
          'chunks',
          'chunks/s',
          'frames',
          'commits',
          'most commits in a frame',
          'settled row renders',
          'streaming row renders',
        ],
        ['left', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right'],
        [
          [
            render.reactVersion,
            String(render.priorMessages),
            String(render.chunks),
            fixed(render.chunks / (render.durationMs / 1000), 0),
            String(render.frames),
            String(render.commits),
            String(render.maxCommitsPerFrame),
            String(render.settledRowRenders),
            String(render.streamingRowRenders),
          ],
        ],
      ),
    )
  }
  return lines.join('\n')
}
