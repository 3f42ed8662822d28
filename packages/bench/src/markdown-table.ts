// Markdown tables laid out the way biome formats them (padded cells, dashes as wide as the column), so that
// BENCHMARKS.md passes `pnpm lint` right after a bench run.

export type Align = 'left' | 'right'

/** A table with one header row; `align` per column (a right-aligned column gets a `---:` separator). */
export function markdownTable(
  header: readonly string[],
  align: readonly Align[],
  rows: readonly string[][],
): string {
  const widths = header.map((title, column) =>
    Math.max(3, title.length, ...rows.map((row) => (row[column] ?? '').length)),
  )
  const line = (cells: readonly string[]) =>
    `| ${cells
      .map((cell, column) => {
        const width = widths[column] ?? 3
        return align[column] === 'right' ? cell.padStart(width) : cell.padEnd(width)
      })
      .join(' | ')} |`
  const separator = `| ${widths
    .map((width, column) => (align[column] === 'right' ? `${'-'.repeat(width - 1)}:` : '-'.repeat(width)))
    .join(' | ')} |`
  return [line(header), separator, ...rows.map(line)].join('\n')
}
