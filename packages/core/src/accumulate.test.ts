import {
  handMadeFixtures,
  modelInferenceToolCallsWithoutIndex,
  openaiChunkOrder,
  randomPieces,
  toReadableStream,
} from '@chatwire/testkit'
import * as v from 'valibot'
import { describe, expect, it, vi } from 'vitest'
import { accumulate } from './accumulate.js'
import { decodeSSE } from './decode-sse.js'
import { MalformedStreamError, StreamLimitError } from './errors.js'
import { readChunks } from './read-chunks.js'
import type { ChatCompletionChunk } from './schema/chunk.js'
import { ChatCompletionSchema } from './schema/response.js'

const meta = { id: 'chatcmpl-1', object: 'chat.completion.chunk', created: 1, model: 'm' }
const chunk = (choices: object[], fields: object = {}) =>
  ({ ...meta, ...fields, choices }) as ChatCompletionChunk
const asChunks = (chunks: object[]) => chunks as ChatCompletionChunk[]
const message = (chunks: ChatCompletionChunk[], choice = 0) => accumulate(chunks).choices[choice]?.message
const toolCalls = (...deltas: object[]) =>
  message(deltas.map((d) => chunk([{ index: 0, delta: { tool_calls: [d] } }])))?.tool_calls

describe('accumulate', () => {
  it.each(handMadeFixtures.map((fixture) => [fixture.name, fixture] as const))(
    'builds the completion of %s',
    (_, fixture) => {
      const completion = accumulate(asChunks(fixture.chunks))
      expect(completion).toEqual(fixture.expected?.completion)
      expect(v.safeParse(ChatCompletionSchema, completion).success).toBe(true)
    },
  )

  it('returns a promise for an async iterable', async () => {
    async function* stream() {
      yield* asChunks(openaiChunkOrder.chunks)
    }
    const pending = accumulate(stream())
    expect(pending).toBeInstanceOf(Promise)
    expect(await pending).toEqual(openaiChunkOrder.expected?.completion)
  })

  it('builds the same completion from the bytes of a stream, read by batches, as from its chunks', async () => {
    const sse = asChunks(openaiChunkOrder.chunks).map((c) => `data: ${JSON.stringify(c)}\n\n`)
    const bytes = new TextEncoder().encode(`${sse.join('')}data: [DONE]\n\n`)
    for (const seed of [1, 2, 3]) {
      const body = toReadableStream(randomPieces(bytes, { seed, maxSize: 64 }))
      expect(await accumulate(readChunks(decodeSSE(body)))).toEqual(openaiChunkOrder.expected?.completion)
    }
  })

  it('releases the source when a chunk breaks the format, as for await does', async () => {
    const bad = chunk([{ index: -1, delta: { content: 'x' } }])
    let cancelled = false
    const neverCloses = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(`data: ${JSON.stringify(bad)}\n\n`))
      },
      cancel() {
        cancelled = true
      },
    })
    let released = false
    async function* chunks(): AsyncGenerator<ChatCompletionChunk> {
      try {
        yield bad
        await new Promise(() => {})
      } finally {
        released = true
      }
    }

    await expect(accumulate(readChunks(decodeSSE(neverCloses)))).rejects.toBeInstanceOf(MalformedStreamError)
    await expect(accumulate(chunks())).rejects.toBeInstanceOf(MalformedStreamError)
    await vi.waitFor(() => expect({ cancelled, released }).toEqual({ cancelled: true, released: true }))
  })

  it('keeps the chunks before a bad event on the error, as partial', async () => {
    const good = chunk([{ index: 0, delta: { content: 'Hel' } }])
    const bytes = new TextEncoder().encode(`data: ${JSON.stringify(good)}\n\ndata: {"choi\n\n`)
    const error = await accumulate(readChunks(decodeSSE(toReadableStream([bytes])))).catch((e) => e)
    expect(error).toBeInstanceOf(MalformedStreamError)
    expect(error.partial?.choices[0]?.message.content).toBe('Hel')
  })

  it('keeps what came before a line over the limit on the StreamLimitError', async () => {
    const good = chunk([{ index: 0, delta: { content: 'Hel' } }])
    const text = `data: ${JSON.stringify(good)}\n\ndata: "${'x'.repeat(500)}"\n\n`
    const body = toReadableStream(randomPieces(new TextEncoder().encode(text), { seed: 4, maxSize: 64 }))
    const error = await accumulate(readChunks(decodeSSE(body, { maxLineLength: 300 }))).catch((e) => e)
    expect(error).toBeInstanceOf(StreamLimitError)
    expect(error.partial?.choices[0]?.message.content).toBe('Hel')
  })

  it('keeps metadata when a later chunk has an empty id, model, object and created 0', () => {
    const completion = accumulate([
      chunk([{ index: 0, delta: { content: 'a' } }], {
        id: 'real',
        model: 'gpt',
        created: 7,
        system_fingerprint: 'fp',
      }),
      chunk([{ index: 0, content_filter_results: {} }], {
        id: '',
        model: '',
        object: '',
        created: 0,
        system_fingerprint: null,
      }),
    ])
    expect(completion).toMatchObject({
      id: 'real',
      object: 'chat.completion',
      model: 'gpt',
      created: 7,
      system_fingerprint: 'fp',
    })
  })

  it('keeps a real usage whatever usage: null comes before or after it', () => {
    const usage = { prompt_tokens: 1, completion_tokens: 2, total_tokens: 3 }
    const completion = accumulate([
      chunk([{ index: 0, delta: { content: 'a' } }], { usage: null }),
      chunk([{ index: 0, delta: {}, finish_reason: 'stop' }], { usage }),
      chunk([], { usage: null }),
    ])
    expect(completion.usage).toEqual(usage)
  })

  it('keeps system_fingerprint, service_tier and unknown fields of the chunk and of the choice', () => {
    const completion = accumulate([
      chunk([{ index: 0, delta: { content: 'a' }, matched_stop: null }], {
        service_tier: 'default',
        citations: ['u1'],
        obfuscation: 'x',
      }),
      chunk([{ index: 0, delta: {}, finish_reason: 'stop', matched_stop: 1 }], {
        x_groq: { id: 'req_1' },
        citations: ['u1', 'u2'],
      }),
    ])
    expect(completion).toEqual({
      id: 'chatcmpl-1',
      object: 'chat.completion',
      created: 1,
      model: 'm',
      service_tier: 'default',
      citations: ['u1', 'u2'],
      x_groq: { id: 'req_1' },
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content: 'a', refusal: null },
          finish_reason: 'stop',
          logprobs: null,
          matched_stop: 1,
        },
      ],
    })
  })

  it('ignores a whole message repeated beside the delta', () => {
    const completion = accumulate([
      chunk([{ index: 0, delta: { content: 'Hi' } }]),
      chunk([
        {
          index: 0,
          delta: { content: '!' },
          message: { role: 'assistant', content: 'Hi!' },
          finish_reason: 'stop',
        },
      ]),
    ])
    expect(completion.choices[0]?.message).toEqual({ role: 'assistant', content: 'Hi!', refusal: null })
  })

  it('does not finish a choice on finish_reason null or ""', () => {
    const completion = accumulate([
      chunk([{ index: 0, delta: { content: 'a' }, finish_reason: '' }]),
      chunk([{ index: 0, delta: { content: 'b' }, finish_reason: null }]),
    ])
    expect(completion.choices[0]?.finish_reason).toBeNull()
  })

  it("defaults a missing role to 'assistant' and a missing choice index to 0", () => {
    expect(
      accumulate([{ ...meta, choices: [{ delta: { content: 'x' } }] } as ChatCompletionChunk]).choices,
    ).toEqual([
      {
        index: 0,
        message: { role: 'assistant', content: 'x', refusal: null },
        finish_reason: null,
        logprobs: null,
      },
    ])
  })

  it('puts reasoning_content and Groq reasoning in reasoning_content, and keeps reasoning when it was used', () => {
    expect(
      message([
        chunk([{ index: 0, delta: { reasoning_content: 'a' } }]),
        chunk([{ index: 0, delta: { reasoning_content: 'b' } }]),
      ]),
    ).toEqual({
      role: 'assistant',
      content: null,
      refusal: null,
      reasoning_content: 'ab',
    })
    expect(
      message([
        chunk([{ index: 0, delta: { reasoning: 'c' } }]),
        chunk([{ index: 0, delta: { reasoning: 'd' } }]),
      ]),
    ).toEqual({
      role: 'assistant',
      content: null,
      refusal: null,
      reasoning_content: 'cd',
      reasoning: 'cd',
    })
  })

  it('counts reasoning once when a server sends it under both names', () => {
    expect(
      message([chunk([{ index: 0, delta: { reasoning_content: 'e', reasoning: 'e' } }])])?.reasoning_content,
    ).toBe('e')
  })

  it('splits Mistral content parts into reasoning (thinking) and content (text)', () => {
    const thinking = (text: string) => ({ type: 'thinking', thinking: [{ type: 'text', text }] })
    expect(
      message([
        chunk([{ index: 0, delta: { role: 'assistant', content: [thinking('Sum'), thinking(' it.')] } }]),
        chunk([
          {
            index: 0,
            delta: {
              content: [
                { type: 'text', text: '4' },
                { type: 'reference', reference_ids: [1] },
              ],
            },
          },
        ]),
        chunk([{ index: 0, delta: { content: '' }, finish_reason: 'stop' }]),
      ]),
    ).toEqual({ role: 'assistant', content: '4', refusal: null, reasoning_content: 'Sum it.' })
  })

  it('concatenates unknown array fields of the delta, such as annotations', () => {
    const completion = accumulate([
      chunk([{ index: 0, delta: { content: 'a', annotations: [{ type: 'url_citation', n: 1 }] } }]),
      chunk([{ index: 0, delta: { annotations: [{ type: 'url_citation', n: 2 }] } }]),
    ])
    expect(completion.choices[0]?.message.annotations).toEqual([
      { type: 'url_citation', n: 1 },
      { type: 'url_citation', n: 2 },
    ])
  })

  it('keeps a filtered verdict when later content_filter_results say safe', () => {
    const safe = { filtered: false, severity: 'safe' }
    const flagged = { filtered: true, severity: 'high' }
    const completion = accumulate([
      chunk([{ index: 0, delta: { content: 'a' }, content_filter_results: { hate: flagged, sexual: safe } }]),
      chunk([
        { index: 0, content_filter_results: { hate: safe, sexual: { filtered: false, severity: 'low' } } },
      ]),
      chunk([{ index: 1, delta: { content: 'b' }, content_filter_results: { hate: safe } }]),
    ])
    expect(completion.choices.map((c) => c.content_filter_results)).toEqual([
      { hate: flagged, sexual: { filtered: false, severity: 'low' } },
      { hate: safe },
    ])
  })
})

describe('accumulate tool calls', () => {
  it("defaults a missing type to 'function'", () => {
    expect(toolCalls({ index: 0, id: 'c', function: { name: 'f', arguments: '{}' } })).toEqual([
      { id: 'c', type: 'function', function: { name: 'f', arguments: '{}' } },
    ])
  })

  it('takes a whole call sent in one delta without index or type (Mistral)', () => {
    expect(
      toolCalls({ id: 'gSIMJiOkT', function: { name: 'weather', arguments: '{"location": "SF"}' } }),
    ).toEqual([
      { id: 'gSIMJiOkT', type: 'function', function: { name: 'weather', arguments: '{"location": "SF"}' } },
    ])
  })

  it('matches deltas without index by id, and continues the last call when there is no id either', () => {
    expect(accumulate(asChunks(modelInferenceToolCallsWithoutIndex.chunks))).toEqual(
      modelInferenceToolCallsWithoutIndex.expected?.completion,
    )
    expect(
      toolCalls(
        { id: 'a', function: { name: 'f', arguments: '[1' } },
        { id: 'b', function: { name: 'g', arguments: '[2' } },
        { id: 'a', function: { arguments: ']' } },
        { function: { arguments: ']' } },
      )?.map((call) => [call.id, call.function.arguments]),
    ).toEqual([
      ['a', '[1]'],
      ['b', '[2]'],
    ])
  })

  it('neither starts a call nor loses the real id when follow-ups repeat id: "" (Qwen)', () => {
    expect(
      toolCalls(
        { index: 0, id: 'call_1', type: 'function', function: { name: 'weather', arguments: '' } },
        { index: 0, id: '', type: 'function', function: { arguments: '{"a":' } },
        { id: '', function: { arguments: '1}' } },
      ),
    ).toEqual([{ id: 'call_1', type: 'function', function: { name: 'weather', arguments: '{"a":1}' } }])
  })

  it('keeps the first name when follow-ups send name: ""', () => {
    expect(
      toolCalls(
        { index: 0, id: 'x', function: { name: 'search', arguments: '' } },
        { index: 0, function: { name: '', arguments: '{}' } },
      ),
    ).toEqual([{ id: 'x', type: 'function', function: { name: 'search', arguments: '{}' } }])
  })

  it('starts a new call when a known index comes back with another id', () => {
    expect(
      toolCalls(
        { index: 0, id: 'a', function: { name: 'f', arguments: '1' } },
        { index: 0, id: 'b', function: { name: 'g', arguments: '2' } },
        { index: 0, function: { arguments: '3' } },
      )?.map((call) => [call.id, call.function.name, call.function.arguments]),
    ).toEqual([
      ['a', 'f', '1'],
      ['b', 'g', '23'],
    ])
  })

  it('lists calls in index order when a later index starts first', () => {
    expect(
      toolCalls(
        { index: 0, id: 'a', function: { name: 'f', arguments: '0' } },
        { index: 2, id: 'c', function: { name: 'h', arguments: '2' } },
        { index: 1, id: 'b', function: { name: 'g', arguments: '1' } },
        { index: 2, function: { arguments: '2' } },
        { index: 1, function: { arguments: '1' } },
      )?.map((call) => [call.id, call.function.arguments]),
    ).toEqual([
      ['a', '0'],
      ['b', '11'],
      ['c', '22'],
    ])
  })

  it('puts calls without an index after the indexed ones, in the order they started', () => {
    expect(
      toolCalls(
        { id: 'x', function: { name: 'f', arguments: 'x' } },
        { index: 1, id: 'b', function: { name: 'g', arguments: 'b' } },
        { id: 'y', function: { name: 'f', arguments: 'y' } },
        { index: 0, id: 'a', function: { name: 'g', arguments: 'a' } },
      )?.map((call) => call.id),
    ).toEqual(['a', 'b', 'x', 'y'])
  })

  it('keeps unknown fields of a tool call, such as Gemini extra_content', () => {
    const extra = { google: { thought_signature: 'sig' } }
    expect(
      toolCalls({ index: 0, id: 'a', function: { name: 'f', arguments: '{}' }, extra_content: extra })?.[0],
    ).toEqual({
      id: 'a',
      type: 'function',
      function: { name: 'f', arguments: '{}' },
      extra_content: extra,
    })
  })
})
