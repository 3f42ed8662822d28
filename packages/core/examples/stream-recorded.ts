// Streams a recorded OpenAI reply through chatwire's pipeline, as a network would deliver it: the bytes arrive
// in random pieces with small pauses, text is printed as it comes, then the outcome and the usage.
//
//   pnpm example                      (from the repository root)
//   pnpm example --delay 0            (no pauses)
import { readFile } from 'node:fs/promises'
import { parseArgs } from 'node:util'
import { createAccumulator, decodeSSE, outcome, readChunks } from '@chatwire/core'

const { values } = parseArgs({
  allowPositionals: true,
  options: {
    file: { type: 'string', default: new URL('./recorded/openai-text.sse', import.meta.url).pathname },
    delay: { type: 'string', default: '4' },
  },
})
const delayMs = Number(values.delay)

/** The recording as a network would deliver it: pieces of 1 to 256 bytes, a few milliseconds apart. */
function network(bytes: Uint8Array): ReadableStream<Uint8Array> {
  let offset = 0
  return new ReadableStream({
    async pull(controller) {
      if (offset >= bytes.length) return controller.close()
      const size = 1 + Math.floor(Math.random() * 256)
      controller.enqueue(bytes.subarray(offset, offset + size))
      offset += size
      if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs))
    },
  })
}

const body = network(new Uint8Array(await readFile(values.file)))
const chunks = readChunks(decodeSSE(body))
const accumulator = createAccumulator({
  onEvent(event) {
    if (event.type === 'content.delta') process.stdout.write(event.delta)
  },
})
for await (const chunk of chunks) accumulator.push(chunk)
const completion = accumulator.finish()
const result = outcome({ completion, truncated: chunks.truncated })

process.stdout.write('\n\n')
console.log(`outcome: ${result.type}`)
console.log(`model:   ${completion.model}`)
console.log(`usage:   ${JSON.stringify(completion.usage)}`)
