// A vitest reporter for `pnpm bench`: after the run, prints the client table and writes it into the repository's
// BENCHMARKS.md between its markers. vitest loads custom reporters from a module's default export.
import type { RunnerTask } from 'vitest'
import type { Reporter, Vitest } from 'vitest/node'
import { type ClientCallResults, renderClientTable } from './client-report.js'
import { writeBenchmarkSections } from './markers.js'

class BenchReporter implements Reporter {
  private vitest: Vitest | undefined

  onInit(vitest: Vitest): void {
    this.vitest = vitest
  }

  onTestRunEnd(): void {
    const vitest = this.vitest
    if (vitest === undefined) return
    const log = (text: string) => vitest.logger.log(text)
    // Benchmark results live on the runner tasks, which the public TestModule API does not expose.
    const { calls, complete } = collect(vitest.state.getFiles())
    if (calls.length === 0) return
    const block = renderClientTable(calls)
    log(`\nClient overhead over a bare fetch of the same reply:\n\n${block}\n`)
    if (!complete) {
      log('BENCHMARKS.md not updated: some benchmarks were skipped or failed.')
      return
    }
    log(`Wrote client to ${writeBenchmarkSections(vitest.config.root, [['client', block]])}`)
  }
}

/** The client suites (`meta.clientBench`) with their results; `complete` if every bench passed. */
function collect(tasks: readonly RunnerTask[]): { calls: ClientCallResults[]; complete: boolean } {
  const calls: ClientCallResults[] = []
  let complete = true
  const visit = (task: RunnerTask) => {
    if (task.type !== 'suite') return
    const { clientBench } = task.meta
    if (clientBench !== undefined) {
      const results: ClientCallResults['results'] = []
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
      if (results.length > 0) calls.push({ info: clientBench, results })
    }
    for (const child of task.tasks) visit(child)
  }
  for (const task of tasks) visit(task)
  return { calls, complete }
}

export default BenchReporter
