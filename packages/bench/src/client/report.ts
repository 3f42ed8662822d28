// Turns the client benchmark's figures into a table: each call's median time beside a bare `fetch` of the same
// emulator reply, and the overhead as a ratio and in µs, both taken round by round.
import { measuredOn } from '../machine.js'
import { markdownTable } from '../markdown-table.js'
import type { InterleavedResult } from '../pipeline/interleave.js'

/** What is said of a call beside its figures. */
export interface ClientCallInfo {
  key: string
  label: string
}

/** One call and its contenders' figures, the bare `fetch` first. */
export interface ClientCallResults {
  info: ClientCallInfo
  results: readonly InterleavedResult[]
}

/** The markdown block that goes between the `client` markers in BENCHMARKS.md (and to the console). */
export function renderClientTable(calls: readonly ClientCallResults[]): string {
  const rows = calls.flatMap(({ info, results }) =>
    results.map((r) => [
      info.key,
      r.contender,
      r.medianMs.toFixed(3),
      `${r.ratio.toFixed(2)}× (${r.ratioQuartiles[0].toFixed(2)}–${r.ratioQuartiles[1].toFixed(2)})`,
      `${Math.round(r.differenceMs * 1000)}`,
      String(r.rounds),
    ]),
  )
  const table = markdownTable(
    ['call', 'contender', 'ms/call (median)', '× bare fetch (quartiles)', 'overhead µs', 'rounds'],
    ['left', 'left', 'right', 'right', 'right', 'right'],
    rows,
  )
  const labels = calls.map(({ info }) => `- \`${info.key}\`: ${info.label}`)
  return [measuredOn(), '', ...labels, '', table].join('\n')
}
