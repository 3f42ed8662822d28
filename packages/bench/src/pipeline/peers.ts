// The floor and the third-party peers of the decode benchmark. Each takes the same pre-split reads.
import { toReadableStream } from '@chatwire/testkit'
import { createParser } from 'eventsource-parser'
import OpenAI from 'openai'

/**
 * The floor: the least work any client must do. Stream-decode UTF-8, cut on blank lines with `indexOf`, strip
 * `data: `, `JSON.parse` each payload, stop at `[DONE]`. No other SSE rules, no checks, no accumulation.
 * Returns the number of chunks parsed.
 */
export function floor(pieces: readonly Uint8Array[]): number {
  const decoder = new TextDecoder()
  let buffer = ''
  let count = 0
  for (const piece of pieces) {
    buffer += decoder.decode(piece, { stream: true })
    let start = 0
    let end = buffer.indexOf('\n\n')
    while (end !== -1) {
      const data = buffer.slice(start + 6, end)
      if (data === '[DONE]') return count
      JSON.parse(data)
      count++
      start = end + 2
      end = buffer.indexOf('\n\n', start)
    }
    buffer = buffer.slice(start)
  }
  return count
}

/** `eventsource-parser` (full SSE rules, string input) plus `JSON.parse` per event: a decode-only peer. */
export function eventsourceParser(pieces: readonly Uint8Array[]): number {
  const decoder = new TextDecoder()
  let count = 0
  let done = false
  const parser = createParser({
    onEvent(event) {
      if (done) return
      if (event.data === '[DONE]') done = true
      else {
        JSON.parse(event.data)
        count++
      }
    },
  })
  for (const piece of pieces) {
    parser.feed(decoder.decode(piece, { stream: true }))
    if (done) break
  }
  return count
}

/** An `openai` client whose `fetch` answers every request with the given reads as an event stream. */
export function createOpenAIClient(pieces: readonly Uint8Array[]): OpenAI {
  return new OpenAI({
    apiKey: 'bench',
    maxRetries: 0,
    fetch: async () =>
      new Response(toReadableStream(pieces), { headers: { 'content-type': 'text/event-stream' } }),
  })
}

/** `openai`'s `chat.completions.stream()` + `finalChatCompletion()`: decodes, validates and accumulates. */
export async function openaiFinal(client: OpenAI): Promise<OpenAI.ChatCompletion> {
  const stream = client.chat.completions.stream({
    model: 'gpt-4o',
    messages: [{ role: 'user', content: 'bench' }],
    stream: true,
  })
  return stream.finalChatCompletion()
}
