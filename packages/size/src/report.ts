import { markdownTable } from '@chatwire/bench/markdown-table'
import type { SizeEntry } from './budgets.js'
import type { Measured } from './measure.js'

/** An entry with what it weighed. */
export interface SizeResult {
  entry: SizeEntry
  measured: Measured
  /** The package's version, for peers. */
  version: string | undefined
}

/** `10.00 kB` (kB = 1000 bytes, as the budgets are written). */
export function kilobytes(bytes: number): string {
  return `${(bytes / 1000).toFixed(2)} kB`
}

/** Whether an entry is over its budget. */
export function overBudget(result: SizeResult): boolean {
  return result.entry.budget !== undefined && result.measured.gzip > result.entry.budget
}

/** `over` the ceiling (CI fails), `ok` within the target, else `over target`. */
function statusOf(result: SizeResult): string {
  if (overBudget(result)) return 'over'
  const { target } = result.entry
  return target !== undefined && result.measured.gzip > target ? 'over target' : 'ok'
}

/** chatwire's entries against their budgets, then the peers doing the same, as Markdown. */
export function renderSizeTables(results: readonly SizeResult[], esbuildVersion: string): string {
  const own = results.filter((result) => result.entry.owner === 'chatwire')
  const peers = results.filter((result) => result.entry.owner === 'peer')
  const ownTable = markdownTable(
    ['bundle', 'package', 'gzip', 'minified', 'lazy chunks (gzip)', 'ceiling (CI)', 'target (issue 12)', ''],
    ['left', 'left', 'right', 'right', 'right', 'right', 'right', 'left'],
    own.map((result) => [
      result.entry.name,
      `\`${result.entry.package}\``,
      kilobytes(result.measured.gzip),
      kilobytes(result.measured.minified),
      result.measured.lazyGzip === 0 ? '' : kilobytes(result.measured.lazyGzip),
      result.entry.budget === undefined ? '' : kilobytes(result.entry.budget),
      result.entry.target === undefined ? '' : kilobytes(result.entry.target),
      statusOf(result),
    ]),
  )
  const peerTable = markdownTable(
    ['peer bundle', 'package', 'gzip', 'minified', 'lazy chunks (gzip)'],
    ['left', 'left', 'right', 'right', 'right'],
    peers.map((result) => [
      result.entry.name,
      `\`${result.entry.package}\` ${result.version ?? ''}`.trim(),
      kilobytes(result.measured.gzip),
      kilobytes(result.measured.minified),
      result.measured.lazyGzip === 0 ? '' : kilobytes(result.measured.lazyGzip),
    ]),
  )
  return [
    `esbuild ${esbuildVersion}: browser ESM, minified, tree-shaken, split at dynamic imports, React external; gzip level 9 per file; kB = 1000 bytes. gzip and minified: what loads before the code runs; lazy chunks: what a dynamic import() loads when its path is taken.`,
    '',
    ownTable,
    '',
    peerTable,
  ].join('\n')
}

/** The largest inputs of a bundle (minified bytes before gzip), to see where the bytes go. */
export function renderInputs(result: SizeResult, count = 25): string {
  const rows = result.measured.inputs
    .slice(0, count)
    .map((input) => [
      input.path.replace(/^.*node_modules\/(\.pnpm\/[^/]+\/node_modules\/)?/, ''),
      String(input.bytes),
    ])
  return markdownTable(['input', 'minified bytes'], ['left', 'right'], rows)
}
