import { describe, expect, it } from 'vitest'
import { ask, CHAT, get, post, useEmulator } from './testing/client.js'
import type { Json } from './testing/sse.js'
import { chunksOf, parseEvents, streamedText } from './testing/sse.js'

const emulator = useEmulator()

const weatherTool = {
  type: 'function',
  function: {
    name: 'get_weather',
    parameters: { type: 'object', properties: { location: { type: 'string' } }, required: ['location'] },
  },
}

describe('OpenAI dialect', () => {
  it('answers a plain chat completion', async () => {
    const reply = await post(emulator.current, CHAT, ask('Hello there'))
    expect(reply.status).toBe(200)
    expect(reply.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/)
    const body = reply.json()
    expect(body).toMatchObject({
      object: 'chat.completion',
      model: 'gpt-4o-mini',
      system_fingerprint: 'fp_emulator',
    })
    expect(body.choices).toEqual([
      {
        index: 0,
        message: { role: 'assistant', content: 'You said: Hello there', refusal: null },
        logprobs: null,
        finish_reason: 'stop',
      },
    ])
    expect(body.usage).toMatchObject({ prompt_tokens: 8, completion_tokens: 5, total_tokens: 13 })
  })

  it('streams the same text and usage as the non-streamed reply', async () => {
    const request = ask('Stream me, please', { n: 2, stream_options: { include_usage: true } })
    const whole = (await post(emulator.current, CHAT, request)).json()
    const streamed = await post(emulator.current, CHAT, { ...request, stream: true })
    expect(streamed.headers.get('content-type')).toBe('text/event-stream; charset=utf-8')
    const events = parseEvents(streamed.text)
    expect(events.at(-1)?.data).toBe('[DONE]')
    const chunks = chunksOf(streamed.text)
    expect(streamedText(chunks)).toEqual(whole.choices.map((choice: Json) => choice.message.content))
    expect(chunks.at(-1)).toMatchObject({ choices: [], usage: whole.usage })
    expect(chunks.slice(0, -1).every((chunk) => chunk.usage === null)).toBe(true)
    expect(chunks.filter((chunk) => chunk.choices[0]?.finish_reason === 'stop')).toHaveLength(2)
  })

  it('sends no usage chunk unless asked', async () => {
    const chunks = chunksOf((await post(emulator.current, CHAT, ask('Hi', { stream: true }))).text)
    expect(chunks.every((chunk) => !('usage' in chunk))).toBe(true)
  })

  it('calls a matching tool, streamed in indexed fragments, in parallel when asked twice', async () => {
    const request = ask('What is the weather in Paris and Tokyo?', { tools: [weatherTool] })
    const whole = (await post(emulator.current, CHAT, request)).json()
    const [choice] = whole.choices
    expect(choice.finish_reason).toBe('tool_calls')
    expect(choice.message.content).toBeNull()
    expect(choice.message.tool_calls.map((call: Json) => [call.type, call.function])).toEqual([
      ['function', { name: 'get_weather', arguments: '{"location":"Paris"}' }],
      ['function', { name: 'get_weather', arguments: '{"location":"Tokyo"}' }],
    ])

    const chunks = chunksOf((await post(emulator.current, CHAT, { ...request, stream: true })).text)
    const fragments = chunks.flatMap((chunk) => chunk.choices[0]?.delta?.tool_calls ?? [])
    expect(fragments[0]).toEqual({
      index: 0,
      id: choice.message.tool_calls[0].id,
      type: 'function',
      function: { name: 'get_weather', arguments: '' },
    })
    const second = fragments.filter((fragment: Json) => fragment.index === 1)
    expect(second.map((fragment: Json) => fragment.function.arguments).join('')).toBe('{"location":"Tokyo"}')
  })

  it('answers a call forced by a named tool_choice with finish_reason stop, as OpenAI does', async () => {
    const forced = { type: 'function', function: { name: 'get_weather' } }
    const request = ask('What is the weather in Paris?', { tools: [weatherTool], tool_choice: forced })
    const [choice] = (await post(emulator.current, CHAT, request)).json().choices
    expect(choice.finish_reason).toBe('stop')
    expect(choice.message.tool_calls.map((call: Json) => call.function)).toEqual([
      { name: 'get_weather', arguments: '{"location":"Paris"}' },
    ])
    const chunks = chunksOf((await post(emulator.current, CHAT, { ...request, stream: true })).text)
    expect(chunks.map((chunk) => chunk.choices[0]?.finish_reason).filter(Boolean)).toEqual(['stop'])
    const auto = (await post(emulator.current, CHAT, { ...request, tool_choice: 'required' })).json()
    expect(auto.choices[0].finish_reason).toBe('tool_calls')
  })

  it('uses a tool result in its answer', async () => {
    const reply = await post(emulator.current, CHAT, {
      model: 'gpt-4o-mini',
      tools: [weatherTool],
      messages: [
        { role: 'user', content: 'weather in Paris?' },
        {
          role: 'assistant',
          content: null,
          tool_calls: [
            {
              id: 'call_a',
              type: 'function',
              function: { name: 'get_weather', arguments: '{"location":"Paris"}' },
            },
          ],
        },
        { role: 'tool', tool_call_id: 'call_a', content: '21 °C, clear' },
      ],
    })
    expect(reply.json().choices[0].message.content).toBe(
      'Here is what I found. get_weather (Paris): 21 °C, clear.',
    )
  })

  it('answers in JSON for json_object and json_schema', async () => {
    const object = await post(emulator.current, CHAT, ask('Hi', { response_format: { type: 'json_object' } }))
    expect(JSON.parse(object.json().choices[0].message.content)).toEqual({ reply: 'You said: Hi' })
    const schema = {
      type: 'object',
      properties: {
        city: { type: 'string' },
        days: { type: 'integer', minimum: 1, maximum: 7 },
        tags: { type: 'array', items: { enum: ['sun', 'rain'] } },
      },
      required: ['city', 'days', 'tags'],
      additionalProperties: false,
    }
    const structured = await post(
      emulator.current,
      CHAT,
      ask('Plan Rome', {
        response_format: { type: 'json_schema', json_schema: { name: 'plan', strict: true, schema } },
      }),
    )
    expect(JSON.parse(structured.json().choices[0].message.content)).toEqual({
      city: 'Plan Rome',
      days: 7,
      tags: ['sun', 'sun'],
    })
  })

  it('returns logprobs with top alternatives, in both forms', async () => {
    const request = ask('Hi', { logprobs: true, top_logprobs: 2 })
    const whole = (await post(emulator.current, CHAT, request)).json()
    const entries = whole.choices[0].logprobs.content
    expect(entries.map((entry: Json) => entry.token).join('')).toBe('You said: Hi')
    expect(entries[0].top_logprobs).toHaveLength(2)
    expect(entries[0].top_logprobs[0]).toMatchObject({ token: 'You', logprob: entries[0].logprob })
    const chunks = chunksOf((await post(emulator.current, CHAT, { ...request, stream: true })).text)
    const streamed = chunks.flatMap((chunk) => chunk.choices[0]?.logprobs?.content ?? [])
    expect(streamed).toEqual(entries)
  })

  it('streams reasoning_content before the answer when reasoning_effort is set', async () => {
    const request = ask('Hi', { reasoning_effort: 'medium', stream: true })
    const chunks = chunksOf((await post(emulator.current, CHAT, request)).text)
    expect(streamedText(chunks, 'reasoning_content')).toEqual([
      'The user wrote "Hi". No tool is needed, so I will repeat the words back.',
    ])
    const kinds = chunks.map((chunk) => Object.keys(chunk.choices[0]?.delta ?? {}).join())
    expect(kinds.lastIndexOf('reasoning_content')).toBeLessThan(kinds.indexOf('content'))
    const whole = (await post(emulator.current, CHAT, { ...request, stream: false })).json()
    expect(whole.usage.completion_tokens_details.reasoning_tokens).toBe(20)
  })

  it("finishes with 'length' at max_tokens and before a stop sequence", async () => {
    const cut = (await post(emulator.current, CHAT, ask('a b c d e', { max_tokens: 3 }))).json()
    expect(cut.choices[0]).toMatchObject({ message: { content: 'You said:' }, finish_reason: 'length' })
    expect(cut.usage.completion_tokens).toBe(3)
    const stopped = (await post(emulator.current, CHAT, ask('a b c d e', { stop: ' c' }))).json()
    expect(stopped.choices[0]).toMatchObject({ message: { content: 'You said: a b' }, finish_reason: 'stop' })
  })

  it('lists its models', async () => {
    const list = await get(emulator.current, '/v1/models')
    expect(list.json().data.map((model: Json) => model.id)).toContain('gpt-4o-mini')
    expect((await get(emulator.current, '/v1/models/gpt-4o')).json()).toMatchObject({
      id: 'gpt-4o',
      object: 'model',
    })
    expect((await get(emulator.current, '/v1/models/nope')).status).toBe(404)
  })

  it('answers an unknown model with model_not_found', async () => {
    const reply = await post(emulator.current, CHAT, ask('Hi', { model: 'gpt-99' }))
    expect(reply.status).toBe(404)
    expect(reply.json()).toEqual({
      error: {
        message: 'The model `gpt-99` does not exist or you do not have access to it.',
        type: 'invalid_request_error',
        param: null,
        code: 'model_not_found',
      },
    })
  })
})
