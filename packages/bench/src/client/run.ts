// `pnpm bench`'s client run: `complete()` and `stream()` beside a bare `fetch` of the same emulator reply, in
// interleaved rounds (../pipeline/interleave.ts); the table goes to BENCHMARKS.md. The emulator runs in this
// process, so both sides pay for it alike; the difference is the client's (validation, headers, retries'
// bookkeeping, SSE decoding, accumulation, events, the outcome).
import { join } from 'node:path'
import { type ChatEndpoint, type ChatRequest, createChatClient } from '@chatwire/core'
import { startEmulator } from '@chatwire/emulator'
import { createRandom } from '@chatwire/testkit'
import { writeBenchmarkSections } from '../markers.js'
import { type Contender, interleave } from '../pipeline/interleave.js'
import { type ClientCallInfo, type ClientCallResults, renderClientTable } from './report.js'

// Wall time: the calls wait on sockets, and the wait is part of what they cost. About 5 s of it per call.
const OPTIONS = {
  warmupRounds: 50,
  minRounds: 100,
  maxRounds: 5000,
  budgetMs: 5000,
  now: () => performance.now(),
  random: createRandom(0xc11e),
}

const emulator = await startEmulator({ port: 0, tokenDelayMs: 0 })

const url = `${emulator.url}/v1/chat/completions`
const headers = { authorization: 'Bearer sk-bench', 'content-type': 'application/json' }
const endpoint: ChatEndpoint = {
  name: 'emulator',
  prepare: (request) => ({ url, headers: { authorization: headers.authorization }, body: request }),
}
const client = createChatClient(endpoint, { maxRetries: 0 })

// 200 words: the emulator echoes them one chunk each, so a stream has some 200 chunks.
const words = Array.from({ length: 200 }, (_, i) => `word${i}`).join(' ')
const request: ChatRequest = { model: 'gpt-4o-mini', messages: [{ role: 'user', content: words }] }
const expected = `You said: ${words}`

// Outside the timing: both sides get the whole reply.
const { completion: check } = await client.complete(request)
if (check.choices[0]?.message.content !== expected) throw new Error('complete() did not get the whole reply')
const stream = client.stream(request)
for await (const _event of stream) {
  // Read to the end.
}
if ((await stream.final()).completion.choices[0]?.message.content !== expected) {
  throw new Error('stream() did not get the whole reply')
}

function bareFetch(stream: boolean): Promise<Response> {
  return fetch(url, { method: 'POST', headers, body: JSON.stringify({ ...request, stream }) })
}

/** The least a stream reader must do: split the text on blank lines and parse each `data:` line. */
function parseFrames(text: string): number {
  let parsed = 0
  for (const frame of text.split('\n\n')) {
    if (frame.startsWith('data: {')) parsed += JSON.parse(frame.slice(6)) === null ? 0 : 1
  }
  return parsed
}

const BARE = 'bare fetch'

const calls: [ClientCallInfo, Contender[]][] = [
  [
    {
      key: 'complete',
      label: 'a non-streamed reply of ~200 words: `response.json()` vs `client.complete()`',
    },
    [
      { name: BARE, run: async () => (await bareFetch(false)).json() },
      { name: 'chatwire complete()', run: () => client.complete(request) },
    ],
  ],
  [
    {
      key: 'stream',
      label:
        'the same reply streamed, ~200 chunks: the body read to its end as bytes (and, second, its frames parsed) vs every event of `client.stream()` and `final()`',
    },
    [
      { name: BARE, run: async () => (await bareFetch(true)).arrayBuffer() },
      {
        name: 'bare fetch + JSON.parse per frame',
        run: async () => parseFrames(await (await bareFetch(true)).text()),
      },
      {
        name: 'chatwire stream()',
        run: async () => {
          const stream = client.stream(request)
          for await (const _event of stream) {
            // Every event is delivered.
          }
          return stream.final()
        },
      },
    ],
  ],
]

const measured: ClientCallResults[] = []
try {
  for (const [info, contenders] of calls) {
    const results = await interleave(contenders, OPTIONS)
    measured.push({ info, results })
    const figures = results.map((r) => `${r.contender} ${r.ratio.toFixed(2)}×`).join(', ')
    console.log(`${info.key} (${results[0]?.rounds} rounds): ${figures}`)
  }
} finally {
  await emulator.close()
}

const table = renderClientTable(measured)
console.log(`\nClient overhead over a bare fetch of the same reply:\n\n${table}\n`)
const root = join(import.meta.dirname, '..', '..')
console.log(`Wrote client to ${writeBenchmarkSections(root, [['client', table]])}`)
