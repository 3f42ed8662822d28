// `pnpm bench`'s pipeline run: decode + accumulate on four generated streams, the client path included, beside
// the floor and two peers, on the same bytes, in interleaved rounds (interleave.ts); the table goes to
// BENCHMARKS.md. A script rather than a vitest bench: vitest times each contender in a block of its own, and
// runs workspace code through its module transform, which the peers, loaded from node_modules, are spared.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { createRandom } from '@chatwire/testkit'
import { writeBenchmarkSections } from '../markers.js'
import { chatwireClient, chatwireStream, chatwireSync, createBenchClient } from './chatwire.js'
import { type Contender, interleave } from './interleave.js'
import { createOpenAIClient, eventsourceParser, floor, openaiFinal } from './peers.js'
import { renderPipelineTable, type StreamResults } from './report.js'
import { createBenchStreams } from './streams.js'

/**
 * The process's CPU time, in ms. Every contender here is pure computation on bytes in memory (no I/O to wait
 * for), so CPU time is its cost; on a shared machine, wall time would mostly measure the neighbours.
 */
function cpuNow(): number {
  const { user, system } = process.cpuUsage()
  return (user + system) / 1000
}

// About 15 s of measured time per stream: the whole run stays near a minute and a half.
const OPTIONS = {
  warmupRounds: 3,
  minRounds: 15,
  maxRounds: 200,
  budgetMs: 15_000,
  now: cpuNow,
  random: createRandom(0x5eed),
}

const PEERS = ['openai', 'eventsource-parser'] as const
const root = join(import.meta.dirname, '..', '..')

/** Choice 0's content and tool-call arguments: what every accumulator must agree on. */
function essence(completion: unknown): string {
  const message = (completion as { choices?: { message?: Record<string, unknown> }[] }).choices?.[0]?.message
  const calls = (message?.tool_calls ?? []) as { function: { arguments: string } }[]
  return JSON.stringify([message?.content ?? null, calls.map((call) => call.function.arguments)])
}

const streams = createBenchStreams()

// Before any timing: every contender sees every chunk, and chatwire and openai end with the completion the
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
}

const measured: StreamResults[] = []
for (const stream of streams) {
  const { pieces } = stream
  const openai = createOpenAIClient(pieces)
  const ours = createBenchClient(pieces)
  // In table order; the first is the floor, which the others are divided by.
  const contenders: Contender[] = [
    { name: 'floor', run: () => floor(pieces) },
    { name: 'chatwire client stream()', run: () => chatwireClient(ours) },
    { name: 'chatwire', run: () => chatwireStream(pieces) },
    { name: 'chatwire (sync)', run: () => chatwireSync(pieces) },
    { name: 'eventsource-parser', run: () => eventsourceParser(pieces) },
    { name: 'openai', run: () => openaiFinal(openai) },
  ]
  const results = await interleave(contenders, OPTIONS)
  const info = {
    key: stream.key,
    label: stream.label,
    chunks: stream.chunks.length,
    bytes: stream.byteLength,
  }
  measured.push({ info, results })
  const ratios = results.map((r) => `${r.contender} ${r.ratio.toFixed(2)}×`).join(', ')
  console.log(`${stream.key} (${results[0]?.rounds} rounds): ${ratios}`)
}

const table = renderPipelineTable(measured, peerVersions())
console.log(
  `\nDecode + accumulate and the client path, µs per chunk (median) and ratio to the floor:\n\n${table}\n`,
)
console.log(`Wrote decode to ${writeBenchmarkSections(root, [['decode', table]])}`)

function peerVersions(): Record<string, string> {
  const versions: Record<string, string> = {}
  for (const name of PEERS) {
    const manifest = JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8'))
    versions[name] = String(manifest.version)
  }
  return versions
}
