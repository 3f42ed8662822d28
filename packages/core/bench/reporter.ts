// A vitest reporter for `pnpm bench`: after the run, prints the decode table and writes it into the repository's
// BENCHMARKS.md between its markers. vitest loads custom reporters from a module's default export.
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import type { RunnerTask } from 'vitest'
import type { Reporter, Vitest } from 'vitest/node'
import { type DecodeStreamResults, renderDecodeTable, replaceBetweenMarkers } from './decode-report.js'

const PEERS = ['openai', 'eventsource-parser'] as const

class DecodeBenchReporter implements Reporter {
  private vitest: Vitest | undefined

  onInit(vitest: Vitest): void {
    this.vitest = vitest
  }

  onTestRunEnd(): void {
    const vitest = this.vitest
    if (vitest === undefined) return
    const root = vitest.config.root
    const log = (text: string) => vitest.logger.log(text)
    // Benchmark results live on the runner tasks, which the public TestModule API does not expose.
    const { streams, complete } = collect(vitest.state.getFiles())
    if (streams.length === 0) return
    const block = renderDecodeTable(streams, peerVersions(root))
    log(`\nDecode + accumulate, µs per chunk (median) and ratio to the floor:\n\n${block}\n`)
    if (!complete) {
      log('BENCHMARKS.md not updated: some benchmarks were skipped or failed.')
      return
    }
    const file = join(workspaceRoot(root), 'BENCHMARKS.md')
    const before = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n'
    writeFileSync(file, replaceBetweenMarkers(before, 'decode', block))
    log(`Wrote the decode table to ${file}`)
  }
}

/** The stream suites (those with `meta.decodeBench`) and their results; `complete` if every bench passed. */
function collect(tasks: readonly RunnerTask[]): { streams: DecodeStreamResults[]; complete: boolean } {
  const streams: DecodeStreamResults[] = []
  let complete = true
  const visit = (task: RunnerTask) => {
    if (task.type !== 'suite') return
    const info = task.meta.decodeBench
    if (info !== undefined) {
      const results: DecodeStreamResults['results'] = []
      for (const child of task.tasks) {
        const benchmark = child.result?.benchmark
        if (child.result?.state !== 'pass' || benchmark === undefined) {
          complete = false
          continue
        }
        results.push({
          contender: child.name,
          medianMs: benchmark.median,
          rme: benchmark.rme,
          samples: benchmark.sampleCount,
        })
      }
      if (results.length > 0) streams.push({ info, results })
    }
    for (const child of task.tasks) visit(child)
  }
  for (const task of tasks) visit(task)
  return { streams, complete }
}

function peerVersions(root: string): Record<string, string> {
  const versions: Record<string, string> = {}
  for (const name of PEERS) {
    try {
      const manifest = JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8'))
      versions[name] = String(manifest.version)
    } catch {
      versions[name] = '?'
    }
  }
  return versions
}

function workspaceRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'pnpm-workspace.yaml'))) return dir
    if (dirname(dir) === dir) return from
  }
}

export default DecodeBenchReporter
