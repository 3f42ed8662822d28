import { recordedFixture, recordedFixtures } from '@chatwire/testkit'
import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { accumulate } from './accumulate.js'
import { createAccumulator } from './accumulator.js'
import type { DeltaEvent } from './delta-events.js'
import type { ChatCompletionChunk } from './schema/chunk.js'
import { ChatCompletionSchema } from './schema/response.js'

// Expectations are computed here from the raw chunks by a deliberately naive fold (one stream, one choice,
// one tool call at most), independent of the accumulator's code.
interface Raw {
  [key: string]: unknown
}
const nonEmpty = (value: unknown): value is string => typeof value === 'string' && value !== ''

function referenceFold(chunks: readonly object[]) {
  let content = ''
  let reasoning = ''
  let finishReason: string | null = null
  let usage: unknown
  let id = ''
  let model = ''
  const call = { id: '', name: '', arguments: '', seen: false }
  for (const chunk of chunks as Raw[]) {
    if (nonEmpty(chunk.id)) id = chunk.id
    if (nonEmpty(chunk.model)) model = chunk.model
    if (chunk.usage != null) usage = chunk.usage
    for (const choice of chunk.choices as Raw[]) {
      if (nonEmpty(choice.finish_reason)) finishReason = choice.finish_reason
      const delta = (choice.delta ?? {}) as Raw
      if (typeof delta.content === 'string') content += delta.content
      if (Array.isArray(delta.content)) {
        for (const part of delta.content as Raw[]) {
          if (part.type === 'text') content += part.text
          if (part.type === 'thinking') reasoning += (part.thinking as Raw[]).map((t) => t.text).join('')
        }
      }
      reasoning += (delta.reasoning_content ?? delta.reasoning ?? '') as string
      for (const tool of (delta.tool_calls ?? []) as Raw[]) {
        const fn = (tool.function ?? {}) as Raw
        call.seen = true
        if (nonEmpty(tool.id) && call.id === '') call.id = tool.id
        if (nonEmpty(fn.name) && call.name === '') call.name = fn.name
        call.arguments += (fn.arguments ?? '') as string
      }
    }
  }
  return {
    id,
    model,
    usage,
    finishReason,
    content: content === '' ? null : content,
    reasoning: reasoning === '' ? undefined : reasoning,
    toolCalls: call.seen
      ? [{ id: call.id, type: 'function', function: { name: call.name, arguments: call.arguments } }]
      : undefined,
  }
}

const recorded = recordedFixtures()
const byStem = (stem: string) => accumulate(recordedFixture(stem).chunks as ChatCompletionChunk[])

describe('accumulate on recorded streams', () => {
  it.each(recorded.map((fixture) => [fixture.name, fixture] as const))(
    'agrees with a naive fold on %s',
    (_, fixture) => {
      const completion = accumulate(fixture.chunks as ChatCompletionChunk[])
      const expected = referenceFold(fixture.chunks)
      const choice = completion.choices[0]
      expect(completion.choices).toHaveLength(1)
      expect({
        id: completion.id,
        model: completion.model,
        usage: completion.usage,
        finishReason: choice?.finish_reason,
        content: choice?.message.content,
        reasoning: choice?.message.reasoning_content,
        toolCalls: choice?.message.tool_calls,
      }).toEqual(expected)
      expect(v.safeParse(ChatCompletionSchema, completion).success).toBe(true)
    },
  )

  it.each(recorded.map((fixture) => [fixture.name, fixture] as const))(
    'reports events that add up to the completion on %s',
    (_, fixture) => {
      const events: DeltaEvent[] = []
      const accumulator = createAccumulator({ onEvent: (event) => events.push(event) })
      for (const chunk of fixture.chunks) accumulator.push(chunk as ChatCompletionChunk)
      const message = accumulator.finish().choices[0]?.message
      const text = (type: DeltaEvent['type']) =>
        events.flatMap((e) => (e.type === type && 'delta' in e ? [e.delta] : [])).join('')
      expect(text('content.delta') || null).toBe(message?.content)
      expect(text('reasoning.delta') || undefined).toBe(message?.reasoning_content)
      expect(events.filter((e) => e.type === 'tool_call.done').map((e) => e.arguments)).toEqual(
        (message?.tool_calls ?? []).map((call) => call.function.arguments),
      )
    },
  )

  it('openai-text: keeps service_tier and system_fingerprint, and the usage-only chunk', () => {
    const completion = byStem('openai-text')
    expect(completion).toMatchObject({
      service_tier: 'default',
      system_fingerprint: 'fp_de604bd877',
      usage: { total_tokens: 316 },
    })
    expect(completion).not.toHaveProperty('obfuscation')
  })

  it("deepseek-text-length: finish_reason 'length' and the usage with prompt_cache_hit_tokens", () => {
    const completion = byStem('deepseek-text-length')
    expect(completion.choices[0]?.finish_reason).toBe('length')
    expect(completion.usage).toMatchObject({ prompt_cache_hit_tokens: 0, prompt_cache_miss_tokens: 13 })
  })

  it('azure-content-filters: keeps the real id and model, prompt_filter_results and the filter results', () => {
    const completion = byStem('azure-content-filters')
    expect(completion.id).toBe('chatcmpl-CYPS1lijGoK8gd9lYzY3r9Sx50nbt')
    expect(completion.model).toBe('gpt-5-nano-2025-08-07')
    expect(completion.created).toBe(1762317021)
    expect(completion.prompt_filter_results?.[0]?.content_filter_results).toHaveProperty('jailbreak')
    expect(completion.choices[0]?.content_filter_results).toMatchObject({
      hate: { filtered: false, severity: 'safe' },
    })
    expect(completion.usage?.completion_tokens_details?.reasoning_tokens).toBe(64)
  })

  it('groq-reasoning: reasoning text in reasoning_content and reasoning', () => {
    const message = byStem('groq-reasoning').choices[0]?.message
    expect(message?.reasoning_content?.length).toBeGreaterThan(100)
    expect(message?.reasoning).toBe(message?.reasoning_content)
  })

  it('azure-deepseek-reasoning: keeps matched_stop and the 4-byte emoji intact', () => {
    const choice = byStem('azure-deepseek-reasoning').choices[0]
    expect(choice?.matched_stop).toBe(1)
    expect(choice?.message.content).not.toMatch(/\uFFFD/)
  })

  it('alibaba-tool-call: one call with the joined arguments and the real id', () => {
    expect(byStem('alibaba-tool-call').choices[0]?.message.tool_calls).toEqual([
      {
        id: 'call_eee11723464a4b9eb8cee71d',
        type: 'function',
        function: { name: 'weather', arguments: '{"location": "San Francisco"}' },
      },
    ])
  })

  it('mistral-tool-call and mistral-incremental-tool-call: one call each', () => {
    expect(byStem('mistral-tool-call').choices[0]?.message.tool_calls).toEqual([
      {
        id: 'gSIMJiOkT',
        type: 'function',
        function: { name: 'weather', arguments: '{"location": "San Francisco"}' },
      },
    ])
    expect(byStem('mistral-incremental-tool-call').choices[0]?.message.tool_calls).toEqual([
      {
        id: 'chatcmpl-tool-9f149c74c42f265b',
        type: 'function',
        function: { name: 'webSearchTool', arguments: '{"query": "current Berlin weather"}' },
      },
    ])
  })

  it('mistral-thinking-parts: thinking parts are reasoning, text parts are content', () => {
    expect(byStem('mistral-thinking-parts').choices[0]?.message).toEqual({
      role: 'assistant',
      content: '2 + 2 = 4',
      refusal: null,
      reasoning_content: 'The user is asking for 2+2. This is basic arithmetic. 2+2=4.',
    })
  })

  it("perplexity-citations: keeps the citations and the last running usage; object is 'chat.completion'", () => {
    const completion = byStem('perplexity-citations')
    expect(completion.object).toBe('chat.completion')
    expect(completion.citations).toHaveLength(7)
    expect(completion.usage?.total_tokens).toBe(346)
  })

  it('groq-text: keeps x_groq and the Groq timing fields of usage', () => {
    const completion = byStem('groq-text')
    expect(completion.x_groq).toMatchObject({ id: 'req_01kh52ndshfr2azv0xe6tnv4fx' })
    expect(completion.usage?.total_time).toBeCloseTo(2.656170478)
  })
})
