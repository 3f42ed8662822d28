// A vitest reporter for `pnpm bench`: after the run, prints the decode and client tables and writes each into the
// repository's BENCHMARKS.md between its markers. vitest loads custom reporters from a module's default export.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { RunnerTask } from 'vitest'
import type { Reporter, Vitest } from 'vitest/node'
import { type ClientCallResults, renderClientTable } from './client-report.js'
import { type DecodeStreamResults, renderDecodeTable } from './decode-report.js'
import { writeBenchmarkSections } from './markers.js'

const PEERS = ['openai', 'eventsource-parser'] as const

class BenchReporter implements Reporter {
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
    const { streams, calls, complete } = collect(vitest.state.getFiles())
    const tables: [name: string, title: string, block: string][] = []
    if (streams.length > 0) {
      const title = 'Decode + accumulate and the client path, µs per chunk (median) and ratio to the floor'
      tables.push(['decode', title, renderDecodeTable(streams, peerVersions(root))])
    }
    if (calls.length > 0) {
      tables.push(['client', 'Client overhead over a bare fetch of the same reply', renderClientTable(calls)])
    }
    if (tables.length === 0) return
    for (const [, title, block] of tables) log(`\n${title}:\n\n${block}\n`)
    if (!complete) {
      log('BENCHMARKS.md not updated: some benchmarks were skipped or failed.')
      return
    }
    const file = writeBenchmarkSections(
      root,
      tables.map(([name, , block]) => [name, block] as const),
    )
    log(`Wrote ${tables.map(([name]) => name).join(' and ')} to ${file}`)
  }
}

type Result = DecodeStreamResults['results'][number]

/**
 * The stream suites (`meta.decodeBench`) and client suites (`meta.clientBench`) with their results;
 * `complete` if every bench passed.
 */
function collect(tasks: readonly RunnerTask[]): {
  streams: DecodeStreamResults[]
  calls: ClientCallResults[]
  complete: boolean
} {
  const streams: DecodeStreamResults[] = []
  const calls: ClientCallResults[] = []
  let complete = true
  const resultsOf = (suite: RunnerTask & { type: 'suite' }): Result[] => {
    const results: Result[] = []
    for (const child of suite.tasks) {
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
    return results
  }
  const visit = (task: RunnerTask) => {
    if (task.type !== 'suite') return
    const { decodeBench, clientBench } = task.meta
    if (decodeBench !== undefined) {
      const results = resultsOf(task)
      if (results.length > 0) streams.push({ info: decodeBench, results })
    }
    if (clientBench !== undefined) {
      const results = resultsOf(task)
      if (results.length > 0) calls.push({ info: clientBench, results })
    }
    for (const child of task.tasks) visit(child)
  }
  for (const task of tasks) visit(task)
  return { streams, calls, complete }
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

export default BenchReporter
