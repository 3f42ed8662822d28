// The client's overhead: `complete()` and `stream()` beside a bare `fetch` of the same emulator reply, in the
// same run. The emulator runs in this process, so both sides pay for it alike; the difference is the client's
// (validation, headers, retries' bookkeeping, SSE decoding, accumulation, events, the outcome).

import { type ChatEndpoint, type ChatRequest, createChatClient } from '@chatwire/core'
import { startEmulator } from '@chatwire/emulator'
import { afterAll, bench, describe } from 'vitest'
import { BARE, type ClientBenchInfo } from './client-report.js'

const OPTIONS = { time: 1500, iterations: 30, warmupTime: 300, warmupIterations: 10 }

const emulator = await startEmulator({ port: 0, tokenDelayMs: 0 })
afterAll(() => emulator.close())

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

const calls: [ClientBenchInfo, [string, () => Promise<unknown>][]][] = [
  [
    {
      key: 'complete',
      label: 'a non-streamed reply of ~200 words: `response.json()` vs `client.complete()`',
    },
    [
      [BARE, async () => (await bareFetch(false)).json()],
      ['chatwire complete()', () => client.complete(request)],
    ],
  ],
  [
    {
      key: 'stream',
      label:
        'the same reply streamed, ~200 chunks: the body read to its end as bytes (and, second, its frames parsed) vs every event of `client.stream()` and `final()`',
    },
    [
      [BARE, async () => (await bareFetch(true)).arrayBuffer()],
      ['bare fetch + JSON.parse per frame', async () => parseFrames(await (await bareFetch(true)).text())],
      [
        'chatwire stream()',
        async () => {
          const stream = client.stream(request)
          for await (const _event of stream) {
            // Every event is delivered.
          }
          return stream.final()
        },
      ],
    ],
  ],
]

for (const [info, contenders] of calls) {
  describe(info.key, { meta: { clientBench: info } }, () => {
    for (const [name, fn] of contenders) bench(name, async () => void (await fn()), OPTIONS)
  })
}
