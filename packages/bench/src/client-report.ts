// Turns the client benchmark's results into a table: each call's median time beside a bare `fetch` of the same
// emulator reply, and the overhead as a ratio and in µs.

import { measuredOn } from './machine.js'
import { markdownTable } from './markdown-table.js'

/** What a call's `describe` block carries in its meta, for the reporter. */
export interface ClientBenchInfo {
  key: string
  label: string
}

declare module '@vitest/runner' {
  interface TaskMeta {
    clientBench?: ClientBenchInfo
  }
}

/** The contender every other one of a call is compared with. */
export const BARE = 'bare fetch'

/** One call and its contenders' median times, in ms. */
export interface ClientCallResults {
  info: ClientBenchInfo
  results: { contender: string; medianMs: number; rme: number; samples: number }[]
}

/** The markdown block that goes between the `client` markers in BENCHMARKS.md (and to the console). */
export function renderClientTable(calls: readonly ClientCallResults[]): string {
  const rows = calls.flatMap(({ info, results }) => {
    const bare = results.find((r) => r.contender === BARE)
    return results.map((r) => [
      info.key,
      r.contender,
      r.medianMs.toFixed(3),
      `${r.rme.toFixed(1)}%`,
      bare === undefined ? 'n/a' : `${(r.medianMs / bare.medianMs).toFixed(2)}×`,
      bare === undefined ? 'n/a' : `${Math.round((r.medianMs - bare.medianMs) * 1000)}`,
    ])
  })
  const table = markdownTable(
    ['call', 'contender', 'ms/call (median)', '±rme', '× bare fetch', 'overhead µs'],
    ['left', 'left', 'right', 'right', 'right', 'right'],
    rows,
  )
  const labels = calls.map(({ info }) => `- \`${info.key}\`: ${info.label}`)
  return [measuredOn(), '', ...labels, '', table].join('\n')
}
