// chatwire's ways through a stream, for the decode benchmark: the client (`stream()` read to the end, then
// `final()`), the public decode API under it, and the synchronous hot path under that (parser callback → chunk →
// accumulator) that a caller holding the bytes can use.

import {
  accumulate,
  type ChatClient,
  type ChatCompletion,
  type ChatCompletionChunk,
  createAccumulator,
  createChatClient,
  createSSEParser,
  decodeSSE,
  MalformedStreamError,
  readChunks,
} from '@chatwire/core'
import { toReadableStream } from '@chatwire/testkit'

/** The public path: `accumulate(readChunks(decodeSSE(response.body)))`, on a fresh body of the same reads. */
export function chatwireStream(pieces: readonly Uint8Array[]): Promise<ChatCompletion> {
  return accumulate(readChunks(decodeSSE(toReadableStream(pieces))))
}

/**
 * A client whose `fetch` answers every request with the given reads as an event stream, in memory: what the
 * client adds over the decode path (the request, the reply's checks, events, `final()`), without the network.
 */
export function createBenchClient(pieces: readonly Uint8Array[]): ChatClient {
  const headers = { 'content-type': 'text/event-stream; charset=utf-8' }
  return createChatClient(
    {
      name: 'bench',
      prepare: (request) => ({ url: 'http://bench.invalid/v1/chat/completions', headers: {}, body: request }),
    },
    { maxRetries: 0, fetch: async () => new Response(toReadableStream(pieces), { headers }) },
  )
}

const REQUEST = { model: 'gpt-4o', messages: [{ role: 'user' as const, content: 'bench' }] }

/** `client.stream()`: every delta event through `for await`, then `final()`. */
export async function chatwireClient(client: ChatClient): Promise<ChatCompletion> {
  const stream = client.stream(REQUEST)
  for await (const _event of stream) {
    // Every event is delivered.
  }
  return (await stream.final()).completion
}

/**
 * The synchronous path: `createSSEParser` feeds each event through the checks `readChunks` makes (exact
 * `[DONE]`, JSON object, `choices` an array, no in-stream error) into `createAccumulator().push`.
 */
export function chatwireSync(pieces: readonly Uint8Array[]): ChatCompletion {
  const accumulator = createAccumulator()
  let done = false
  let number = 0
  const parser = createSSEParser((event) => {
    if (done) return
    number++
    if (event.event !== undefined && event.event !== 'message') {
      if (event.event === 'error') throw new MalformedStreamError(`Event ${number} is an error event`)
      return
    }
    if (event.data === '[DONE]') {
      done = true
      return
    }
    accumulator.push(toChunk(event.data, number))
  })
  for (const piece of pieces) {
    parser.feed(piece)
    if (done) break
  }
  if (!done) parser.end()
  return accumulator.finish()
}

// The same checks as read-chunks.ts makes per event (its parseChunk is not exported).
function toChunk(data: string, number: number): ChatCompletionChunk {
  let payload: unknown
  try {
    payload = JSON.parse(data)
  } catch (error) {
    if (data.startsWith('[DONE]')) throw new MalformedStreamError(`Event ${number} starts with [DONE]`)
    throw error
  }
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
    throw new MalformedStreamError(`Event ${number} is not a JSON object`)
  }
  const { choices, error } = payload as { choices?: unknown; error?: unknown }
  if (choices !== undefined && !Array.isArray(choices)) {
    throw new MalformedStreamError(`Event ${number} has "choices" that is not an array`)
  }
  if (error !== undefined && error !== null) throw new MalformedStreamError(`Event ${number} is an error`)
  return payload as ChatCompletionChunk
}
