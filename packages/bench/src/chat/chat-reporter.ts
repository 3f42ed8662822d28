import type { RunnerTask } from 'vitest'
import type { Reporter, Vitest } from 'vitest/node'
import { writeBenchmarkSections } from '../markers.js'
import { type ChatRenderBenchInfo, type ChatStoreResults, renderChatSection } from './chat-report.js'

class ChatBenchReporter implements Reporter {
  private vitest: Vitest | undefined

  onInit(vitest: Vitest): void {
    this.vitest = vitest
  }

  onTestRunEnd(): void {
    const vitest = this.vitest
    if (vitest === undefined) return
    const stores: ChatStoreResults[] = []
    let render: ChatRenderBenchInfo | undefined
    let complete = true
    const visit = (task: RunnerTask) => {
      if (task.type !== 'suite') return
      const { chatStoreBench, chatRenderBench } = task.meta
      if (chatStoreBench !== undefined) {
        const fastestMs: Record<string, number> = {}
        for (const child of task.tasks) {
          const benchmark = child.result?.benchmark
          if (child.result?.state !== 'pass' || benchmark === undefined) complete = false
          else fastestMs[child.name] = benchmark.min
        }
        stores.push({ info: chatStoreBench, fastestMs })
      }
      if (chatRenderBench !== undefined) {
        if (task.result?.state === 'pass' && chatRenderBench.chunks > 0) render = chatRenderBench
        else complete = false
      }
      for (const child of task.tasks) visit(child)
    }
    for (const file of vitest.state.getFiles()) visit(file)
    if (stores.length === 0 && render === undefined) return
    stores.sort((a, b) => a.info.priorMessages - b.info.priorMessages)
    const block = renderChatSection(stores, render)
    vitest.logger.log(`\nChat store and useChat:\n\n${block}\n`)
    // Both halves or neither: a run of one file alone must not blank the other's figures.
    if (!complete || stores.length === 0 || render === undefined) {
      vitest.logger.log(
        'BENCHMARKS.md chat section not updated: some chat benchmarks were skipped or failed.',
      )
      return
    }
    const file = writeBenchmarkSections(vitest.config.root, [['chat', block]])
    vitest.logger.log(`Wrote chat to ${file}`)
  }
}

export default ChatBenchReporter
