// A ChatClient that replays one stream's events from memory, so that a benchmark of the chat store times the
// store alone: no bytes, no decoding, no network. Its events and result come from core's own accumulator.
import {
  accumulate,
  type ChatClient,
  type ChatResult,
  type ChatStream,
  createAccumulator,
  type DeltaEvent,
  outcome,
} from '@chatwire/core'

/** The chunks of a streamed reply of `tokens` content deltas (`" w0"`, `" w1"`, …), then a finish chunk. */
export function replyChunks(tokens: number): unknown[] {
  const base = { id: 'chatcmpl-bench', object: 'chat.completion.chunk', created: 1, model: 'gpt-4o-mini' }
  const choice = (delta: object, finish: string | null = null) => ({
    ...base,
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
  })
  return [
    choice({ role: 'assistant', content: '' }),
    ...Array.from({ length: tokens }, (_, i) => choice({ content: ` w${i}` })),
    choice({}, 'stop'),
  ]
}

/**
 * A client whose every `stream()` yields the events of `chunks`, one per microtask, with a macrotask (a network
 * read) after every `eventsPerRead`, and ends with `[DONE]`.
 */
export async function inMemoryClient(
  chunks: readonly unknown[],
  eventsPerRead: number,
): Promise<{ client: ChatClient; events: number }> {
  const events: DeltaEvent[] = []
  const accumulator = createAccumulator()
  for (const chunk of chunks) accumulator.push(chunk as never, (event) => events.push(event))
  accumulator.finish((event) => events.push(event))
  const completion = await accumulate(chunks as never[])
  const result: ChatResult = {
    completion,
    outcome: outcome({ completion }),
    outcomes: [outcome({ completion })],
    text:
      typeof completion.choices[0]?.message.content === 'string' ? completion.choices[0].message.content : '',
    requestId: undefined,
    headers: undefined,
    sawDone: true,
  }
  const stream = (): ChatStream => ({
    async *[Symbol.asyncIterator]() {
      for (const [index, event] of events.entries()) {
        if (index % eventsPerRead === eventsPerRead - 1) await new Promise((resolve) => setImmediate(resolve))
        yield event
      }
    },
    final: () => Promise.resolve(result),
    abort: () => {},
  })
  const completed = { ...result, headers: new Headers() }
  return { client: { complete: () => Promise.resolve(completed), stream }, events: events.length }
}
