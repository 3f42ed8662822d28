import { createAccumulator } from './accumulator.js'
import { ChatError } from './errors.js'
import { sourceOf } from './item-source.js'
import type { ChatCompletionChunk } from './schema/chunk.js'
import type { ChatCompletion } from './schema/response.js'

/**
 * Folds the chunks of one streamed response into a `chat.completion`: synchronously for an array or other
 * iterable, as a promise for an async iterable (a stream of parsed chunks). The rules are those of
 * {@link createAccumulator}; a choice that never got a finish reason keeps `finish_reason: null`.
 *
 * @example
 * const completion = accumulate(chunks) // ChatCompletion
 * const completion = await accumulate(readChunks(decodeSSE(response.body))) // Promise<ChatCompletion>
 */
export function accumulate(chunks: Iterable<ChatCompletionChunk>): ChatCompletion
export function accumulate(chunks: AsyncIterable<ChatCompletionChunk>): Promise<ChatCompletion>
export function accumulate(
  chunks: Iterable<ChatCompletionChunk> | AsyncIterable<ChatCompletionChunk>,
): ChatCompletion | Promise<ChatCompletion>
export function accumulate(
  chunks: Iterable<ChatCompletionChunk> | AsyncIterable<ChatCompletionChunk>,
): ChatCompletion | Promise<ChatCompletion> {
  if (Symbol.iterator in chunks) {
    const accumulator = createAccumulator()
    for (const chunk of chunks) accumulator.push(chunk)
    return accumulator.finish()
  }
  return accumulateAsync(chunks)
}

async function accumulateAsync(chunks: AsyncIterable<ChatCompletionChunk>): Promise<ChatCompletion> {
  const accumulator = createAccumulator()
  const iterator = chunks[Symbol.asyncIterator]()
  // Straight from the source under the iterator: from readChunks, every chunk of a network read at once, where
  // `for await` would wait once per chunk.
  const source = sourceOf(iterator)
  const batch: ChatCompletionChunk[] = []
  while (true) {
    let failure: { error: unknown } | undefined
    try {
      source.take(batch, Number.POSITIVE_INFINITY)
    } catch (error) {
      // The chunks before a bad event are folded in first, so that the partial holds them.
      failure = { error }
    }
    try {
      for (const chunk of batch) accumulator.push(chunk)
    } catch (error) {
      // As `for await` does when its body throws: the source is released, and the first error is the one thrown.
      try {
        await iterator.return?.()
      } catch {
        // The error from the body wins.
      }
      throw error
    }
    if (failure !== undefined) throw withPartial(failure.error, accumulator.snapshot())
    if (source.ended) return accumulator.finish()
    batch.length = 0
    try {
      source.accept(await source.read())
    } catch (error) {
      throw withPartial(error, accumulator.snapshot())
    }
  }
}

/** A stream's error (a bad event, a limit, a cut connection) keeps what came before it, as the client's do. */
function withPartial(error: unknown, partial: ChatCompletion): unknown {
  if (error instanceof ChatError && error.partial === undefined) {
    ;(error as { partial: ChatCompletion | undefined }).partial = partial
  }
  return error
}
