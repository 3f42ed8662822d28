// pnpm size: measures every entry, prints the tables, writes them into BENCHMARKS.md between the `size`
// markers, and exits 1 when a chatwire bundle is over its budget. `--explain` lists where each one's bytes go.
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { replaceBetweenMarkers } from '@chatwire/bench/markers'
import { version as esbuildVersion } from 'esbuild'
import { ENTRIES } from './budgets.js'
import { measure } from './measure.js'
import { overBudget, renderInputs, renderSizeTables, type SizeResult } from './report.js'

const here = dirname(fileURLToPath(import.meta.url))
const require = createRequire(import.meta.url)
const explain = process.argv.includes('--explain')

function versionOf(name: string): string | undefined {
  try {
    return (require(`${name}/package.json`) as { version: string }).version
  } catch {
    // Packages whose exports map hides package.json: read it beside the resolved entry's package root.
    const file = join(here, '..', 'node_modules', name, 'package.json')
    return existsSync(file)
      ? (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version
      : undefined
  }
}

const results: SizeResult[] = []
for (const entry of ENTRIES) {
  const measured = await measure(join(here, 'entries', entry.file))
  results.push({ entry, measured, version: entry.owner === 'peer' ? versionOf(entry.package) : undefined })
}

const block = renderSizeTables(results, esbuildVersion)
console.log(`\n${block}\n`)
if (explain) {
  for (const result of results.filter((candidate) => candidate.entry.owner === 'chatwire')) {
    console.log(`\n${result.entry.file}:\n\n${renderInputs(result)}\n`)
  }
}

const file = join(here, '..', '..', '..', 'BENCHMARKS.md')
const document = readFileSync(file, 'utf8')
writeFileSync(file, replaceBetweenMarkers(document, 'size', block))
console.log(`Wrote the size tables to ${file}`)

const over = results.filter(overBudget)
if (over.length > 0) {
  console.error(`Over budget: ${over.map((result) => result.entry.file).join(', ')}`)
  process.exitCode = 1
}
