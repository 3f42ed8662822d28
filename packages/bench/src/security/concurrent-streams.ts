// 1,000 concurrent streams with mixed faults against the emulator (in its own process), slow and busy
// consumers among them, with a 1.5 s idleTimeout. Run alone: tsx --conditions=@chatwire/source <this file>, or all: pnpm --filter @chatwire/bench security
import { type ChatEndpoint, createChatClient, TimeoutError } from '@chatwire/core'
import { FAULT_PROMPT, FAULT_REPLY } from '@chatwire/testkit'
import { forkEmulator } from './emulator-child.js'

const STREAMS = Number(process.argv[2] ?? 1000)
const IDLE_MS = 1500

/** A mix of what a server and a consumer do; `stalls` are the only streams a timeout may end. */
interface Mix {
  name: string
  share: number
  fault?: string
  consumer: 'fast' | 'slow' | 'busy'
  stalls?: boolean
}
const MIX: Mix[] = [
  { name: 'clean, fast consumer', share: 0.25, consumer: 'fast' },
  { name: 'clean, slow consumer (2 s pause)', share: 0.2, consumer: 'slow' },
  { name: 'clean, busy consumer (blocks the loop 20 ms)', share: 0.15, consumer: 'busy' },
  {
    name: 'server error, then success (retried)',
    share: 0.15,
    fault: 'fail_then_succeed;with=server_error;times=1',
    consumer: 'fast',
  },
  { name: 'slow server (100 ms a chunk)', share: 0.1, fault: 'slow;ms=100', consumer: 'slow' },
  {
    name: 'stall after 2 frames',
    share: 0.1,
    fault: 'stall;after=2;ms=20000',
    consumer: 'fast',
    stalls: true,
  },
  { name: 'reset mid-stream', share: 0.05, fault: 'reset_mid_stream;after=3', consumer: 'fast' },
]

function mixFor(index: number): Mix {
  let at = (index % 100) / 100
  for (const mix of MIX) {
    if (at < mix.share) return mix
    at -= mix.share
  }
  return MIX[0] as Mix
}

const emulator = await forkEmulator(5)
const endpoint: ChatEndpoint = {
  name: 'emulator',
  prepare: (request) => ({
    url: `${emulator.url}/v1/chat/completions`,
    headers: { authorization: 'Bearer sk-bench' },
    body: request,
  }),
}
const client = createChatClient(endpoint, { idleTimeout: IDLE_MS, maxRetryDelay: 50 })
/** The client's own resources: timers, sockets, immediates (not the emulator child's pipe). */
const clientResources = () =>
  process.getActiveResourcesInfo().filter((type) => ['Timeout', 'TCPSocketWrap', 'Immediate'].includes(type))
    .length
const baseline = clientResources()
const cpu = process.cpuUsage()
const started = Date.now()

const outcomes = await Promise.all(
  Array.from({ length: STREAMS }, async (_, index) => {
    const mix = mixFor(index)
    const stream = client.stream(
      { model: 'gpt-4o-mini', messages: [{ role: 'user', content: FAULT_PROMPT }] },
      mix.fault === undefined ? {} : { headers: { 'x-emulator-fault': `${mix.fault};key=s${index}` } },
    )
    let text = ''
    let events = 0
    try {
      for await (const event of stream) {
        if (event.type === 'content.delta') text += event.delta
        if (events++ === 2) {
          if (mix.consumer === 'slow') await new Promise((resolve) => setTimeout(resolve, 2000))
          if (mix.consumer === 'busy') {
            const until = Date.now() + 20
            while (Date.now() < until) {
              // Blocks every other stream's timers and I/O meanwhile.
            }
          }
        }
      }
    } catch {
      // The outcome holds it.
    }
    const { outcome } = await stream.final()
    return { mix, outcome, text }
  }),
)
const wall = Date.now() - started
const used = process.cpuUsage(cpu)
await emulator.close()
await new Promise((resolve) => setTimeout(resolve, 50))
const left = clientResources() - baseline

let falseTimeouts = 0
let duplicated = 0
let wrongText = 0
const byMix = new Map<string, Map<string, number>>()
for (const { mix, outcome, text } of outcomes) {
  const name =
    outcome.type === 'error'
      ? `${outcome.error.name}${outcome.error instanceof TimeoutError ? ` (${outcome.error.option})` : ''}`
      : outcome.type
  const counts = byMix.get(mix.name) ?? new Map<string, number>()
  counts.set(name, (counts.get(name) ?? 0) + 1)
  byMix.set(mix.name, counts)
  if (outcome.type === 'error' && outcome.error instanceof TimeoutError && mix.stalls !== true)
    falseTimeouts++
  if (text.length > FAULT_REPLY.length || (text !== FAULT_REPLY && text.includes(FAULT_REPLY))) duplicated++
  if (outcome.type === 'stop' && text !== FAULT_REPLY) wrongText++
}

console.log(`| figure | value |\n| --- | --- |`)
console.log(`| streams | ${STREAMS} (idleTimeout ${IDLE_MS} ms) |`)
console.log(`| false timeouts | ${falseTimeouts} |`)
console.log(`| duplicated text | ${duplicated} |`)
console.log(`| wrong text in a finished stream | ${wrongText} |`)
console.log(`| handles left after all settled | ${left} |`)
console.log(
  `| CPU per stream (client process) | ${((used.user + used.system) / 1000 / STREAMS).toFixed(2)} ms |`,
)
console.log(`| wall time | ${wall} ms |`)
console.log('\n| mix | outcomes |\n| --- | --- |')
for (const [name, counts] of byMix) {
  console.log(`| ${name} | ${[...counts].map(([outcome, count]) => `${outcome} ${count}`).join(', ')} |`)
}
