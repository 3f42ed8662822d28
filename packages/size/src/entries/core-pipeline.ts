// core's pipeline alone: decodeSSE → readChunks → createAccumulator → outcome(), on a fetched body.
import { createAccumulator, decodeSSE, outcome, readChunks } from '@chatwire/core'

const response = await fetch('/api/chat', { method: 'POST', body: '{}' })
if (response.body === null) throw new Error('no body')
const chunks = readChunks(decodeSSE(response.body))
const accumulator = createAccumulator()
for await (const chunk of chunks) {
  accumulator.push(chunk, (event) => {
    if (event.type === 'content.delta') document.body.append(event.delta)
  })
}
const completion = accumulator.finish()
console.log(outcome({ completion, truncated: chunks.truncated }).type)
