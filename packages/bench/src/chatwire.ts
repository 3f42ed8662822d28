// chatwire's two ways through a stream, for the decode benchmark: the public async API, and the synchronous
// hot path under it (parser callback → chunk → accumulator) that a caller holding the bytes can use.

import {
  accumulate,
  type ChatCompletion,
  type ChatCompletionChunk,
  createAccumulator,
  createSSEParser,
  decodeSSE,
  MalformedStreamError,
  readChunks,
} from '@chatwire/core'
import { streamOf } from './peers.js'

/** The public path: `accumulate(readChunks(decodeSSE(response.body)))`, on a fresh body of the same reads. */
export function chatwireStream(pieces: readonly Uint8Array[]): Promise<ChatCompletion> {
  return accumulate(readChunks(decodeSSE(streamOf(pieces))))
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
  if (data.startsWith('[DONE]')) throw new MalformedStreamError(`Event ${number} starts with [DONE]`)
  const payload: unknown = JSON.parse(data)
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
