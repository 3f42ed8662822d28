// Decode + accumulate on four generated streams, the client path included, beside the floor and two peers, on the same bytes.
// `pnpm bench` runs it; bench/reporter.ts turns the results into the table in BENCHMARKS.md.
import { bench, describe } from 'vitest'
import { chatwireClient, chatwireStream, chatwireSync, createBenchClient } from './chatwire.js'
import type { DecodeBenchInfo } from './decode-report.js'
import { createOpenAIClient, eventsourceParser, floor, openaiFinal } from './peers.js'
import { createBenchStreams } from './streams.js'

/**
 * The process's CPU time, in ms. Every contender here is pure computation on bytes in memory (no I/O to wait
 * for), so CPU time is its cost; on a shared machine, wall time would mostly measure the neighbours.
 */
function cpuNow(): number {
  const { user, system } = process.cpuUsage()
  return (user + system) / 1000
}

// Enough samples for a stable median on a busy 2-core machine, while keeping the whole run near a minute.
const OPTIONS = { time: 1000, iterations: 10, warmupTime: 200, warmupIterations: 3, now: cpuNow }

const streams = createBenchStreams()

/** Choice 0's content and tool-call arguments: what every accumulator must agree on. */
function essence(completion: unknown): string {
  const message = (completion as { choices?: { message?: Record<string, unknown> }[] }).choices?.[0]?.message
  const calls = (message?.tool_calls ?? []) as { function: { arguments: string } }[]
  return JSON.stringify([message?.content ?? null, calls.map((call) => call.function.arguments)])
}

// Outside the timing: every contender sees every chunk, and chatwire and openai end with the completion the
// stream was generated from.
for (const stream of streams) {
  const { key, pieces } = stream
  const chunks = stream.chunks.length
  if (floor(pieces) !== chunks) throw new Error(`floor lost chunks of the ${key} stream`)
  if (eventsourceParser(pieces) !== chunks)
    throw new Error(`eventsource-parser lost chunks of the ${key} stream`)
  const expected = JSON.stringify([stream.expected.content, stream.expected.toolArguments])
  const results = {
    openai: essence(await openaiFinal(createOpenAIClient(pieces))),
    'chatwire (sync)': essence(chatwireSync(pieces)),
    chatwire: essence(await chatwireStream(pieces)),
    'chatwire client': essence(await chatwireClient(createBenchClient(pieces))),
  }
  for (const [who, result] of Object.entries(results)) {
    if (result !== expected) throw new Error(`${who} accumulated the ${key} stream to something else`)
  }
  if (results.chatwire !== results.openai)
    throw new Error(`chatwire and openai disagree on the ${key} stream`)
}

for (const stream of streams) {
  const info: DecodeBenchInfo = {
    key: stream.key,
    label: stream.label,
    chunks: stream.chunks.length,
    bytes: stream.byteLength,
  }
  const { pieces } = stream
  const client = createOpenAIClient(pieces)
  const ours = createBenchClient(pieces)
  // Declared in table order; the reporter divides each by `floor`.
  const contenders: [name: string, fn: () => void | Promise<void>][] = [
    ['floor', () => void floor(pieces)],
    ['chatwire client stream()', async () => void (await chatwireClient(ours))],
    ['chatwire', async () => void (await chatwireStream(pieces))],
    ['chatwire (sync)', () => void chatwireSync(pieces)],
    ['eventsource-parser', () => void eventsourceParser(pieces)],
    ['openai', async () => void (await openaiFinal(client))],
  ]
  describe(`${stream.key}: ${stream.label}`, { meta: { decodeBench: info } }, () => {
    for (const [name, fn] of contenders) bench(name, fn, OPTIONS)
  })
}
