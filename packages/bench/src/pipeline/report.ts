// Turns the pipeline benchmark's figures into the table of BENCHMARKS.md: µs per chunk and the ratio to the floor.
import { measuredOn } from '../machine.js'
import { markdownTable } from '../markdown-table.js'
import type { InterleavedResult } from './interleave.js'

/** What is said of a stream beside its figures. */
export interface StreamInfo {
  key: string
  label: string
  chunks: number
  bytes: number
}

/** A stream and every contender measured on it, the floor first. */
export interface StreamResults {
  info: StreamInfo
  results: readonly InterleavedResult[]
}

const fixed = (value: number, digits: number) => value.toFixed(digits)

/** The markdown block that goes between the `decode` markers in BENCHMARKS.md (and to the console). */
export function renderPipelineTable(
  streams: readonly StreamResults[],
  versions: Record<string, string>,
): string {
  const contenders: string[] = []
  for (const { results } of streams) {
    for (const { contender } of results) if (!contenders.includes(contender)) contenders.push(contender)
  }
  const head = streams.map(({ info }) => `${info.key}: µs/chunk (× floor)`)
  const rows = contenders.map((contender) => [
    contender,
    ...streams.map(({ info, results }) => {
      const result = results.find((r) => r.contender === contender)
      if (result === undefined) return 'n/a'
      return `${fixed((result.medianMs * 1000) / info.chunks, 3)} (${fixed(result.ratio, 2)}×)`
    }),
  ])
  const table = markdownTable(['contender', ...head], ['left', ...head.map(() => 'right' as const)], rows)
  const detailRows = streams.flatMap(({ info, results }) =>
    results.map((r) => [
      info.key,
      r.contender,
      fixed(r.medianMs, 2),
      `${fixed(r.ratioQuartiles[0], 2)}–${fixed(r.ratioQuartiles[1], 2)}`,
      String(r.rounds),
      fixed(info.bytes / 1e6 / (r.medianMs / 1000), 0),
    ]),
  )
  const detail = markdownTable(
    ['stream', 'contender', 'ms/stream (median)', '× floor, quartiles', 'rounds', 'MB/s'],
    ['left', 'left', 'right', 'right', 'right', 'right'],
    detailRows,
  )
  const streamList = streams.map(
    ({ info }) =>
      `- \`${info.key}\`: ${info.label}: ${info.chunks.toLocaleString('en')} chunks, ${fixed(info.bytes / 1e6, 2)} MB of SSE`,
  )
  return [
    measuredOn(versions),
    '',
    ...streamList,
    '',
    table,
    '',
    '<details><summary>Per-stream detail</summary>',
    '',
    detail,
    '',
    '</details>',
  ].join('\n')
}
