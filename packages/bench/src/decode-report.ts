// Turns the decode benchmark's results into a table: µs per chunk and the ratio to the floor, per stream.
import { measuredOn } from './machine.js'
import { markdownTable } from './markdown-table.js'

/** What a stream's `describe` block carries in its meta, for the reporter. */
export interface DecodeBenchInfo {
  key: string
  label: string
  chunks: number
  bytes: number
}

declare module '@vitest/runner' {
  interface TaskMeta {
    decodeBench?: DecodeBenchInfo
  }
}

/** One contender's timing on one stream. */
export interface DecodeResult {
  contender: string
  /** Median time for the whole stream, in ms (robust to GC pauses and a busy machine). */
  medianMs: number
  /** Relative margin of error of the mean, in %. */
  rme: number
  samples: number
}

/** A stream and every contender measured on it, in the order they were declared. */
export interface DecodeStreamResults {
  info: DecodeBenchInfo
  results: DecodeResult[]
}

/** The contender every other one is divided by. */
export const FLOOR = 'floor'

const fixed = (value: number, digits: number) => value.toFixed(digits)

/** The markdown block that goes between the markers in BENCHMARKS.md (and to the console). */
export function renderDecodeTable(
  streams: readonly DecodeStreamResults[],
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
      const floor = results.find((r) => r.contender === FLOOR)
      if (result === undefined || floor === undefined) return 'n/a'
      const perChunk = (result.medianMs * 1000) / info.chunks
      return `${fixed(perChunk, 3)} (${fixed(result.medianMs / floor.medianMs, 2)}×)`
    }),
  ])
  const table = markdownTable(['contender', ...head], ['left', ...head.map(() => 'right' as const)], rows)
  const detailRows = streams.flatMap(({ info, results }) =>
    results.map((r) => [
      info.key,
      r.contender,
      fixed(r.medianMs, 2),
      `${fixed(r.rme, 1)}%`,
      String(r.samples),
      fixed(info.bytes / 1e6 / (r.medianMs / 1000), 0),
    ]),
  )
  const detail = markdownTable(
    ['stream', 'contender', 'ms/stream (median)', '±rme', 'samples', 'MB/s'],
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
