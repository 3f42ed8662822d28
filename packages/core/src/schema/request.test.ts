import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { ChatRequestSchema } from './request.js'

const messages = [{ role: 'user', content: 'Hello' }]
const weatherParameters = {
  type: 'object',
  properties: { city: { type: 'string' }, unit: { enum: ['c', 'f'] } },
  required: ['city'],
  additionalProperties: false,
}

describe('ChatRequestSchema', () => {
  it.each<[string, Record<string, unknown>]>([
    ['model', { model: 'gpt-4.1-mini' }],
    ['frequency_penalty at both ends', { frequency_penalty: -2, presence_penalty: 2 }],
    ['repetition_penalty', { repetition_penalty: 1.1 }],
    ['temperature at both ends', { temperature: 0 }],
    ['temperature 2', { temperature: 2 }],
    ['top_p', { top_p: 1 }],
    ['max_tokens', { max_tokens: 1 }],
    ['max_completion_tokens', { max_completion_tokens: 4096 }],
    ['n up to 128', { n: 128 }],
    ['stop as a string', { stop: '\n\n' }],
    ['stop as four strings', { stop: ['a', 'b', 'c', 'd'] }],
    ['seed, negative too', { seed: -42 }],
    ['stream with stream_options', { stream: true, stream_options: { include_usage: true } }],
    ['response_format text', { response_format: { type: 'text' } }],
    ['response_format json_object', { response_format: { type: 'json_object' } }],
    [
      'response_format json_schema',
      {
        response_format: {
          type: 'json_schema',
          json_schema: {
            name: 'Weather_v2-1',
            description: 'A forecast',
            schema: weatherParameters,
            strict: true,
          },
        },
      },
    ],
    [
      'response_format json_schema with strict null',
      { response_format: { type: 'json_schema', json_schema: { name: 'w', strict: null } } },
    ],
    [
      'tools',
      {
        tools: [
          {
            type: 'function',
            function: {
              name: 'get_weather',
              description: 'Weather',
              parameters: weatherParameters,
              strict: true,
            },
          },
          { type: 'function', function: { name: 'now' } },
        ],
      },
    ],
    ['tool_choice none', { tool_choice: 'none' }],
    ['tool_choice auto', { tool_choice: 'auto' }],
    ['tool_choice required', { tool_choice: 'required' }],
    ['a named tool_choice', { tool_choice: { type: 'function', function: { name: 'get_weather' } } }],
    ['parallel_tool_calls', { parallel_tool_calls: false }],
    ['logprobs with top_logprobs 0', { logprobs: true, top_logprobs: 0 }],
    ['logprobs with top_logprobs 20', { logprobs: true, top_logprobs: 20 }],
    ['logprobs alone', { logprobs: false }],
    ['logit_bias at both ends', { logit_bias: { '50256': -100, '15339': 100 } }],
    ['user', { user: 'user-1234' }],
    ['reasoning_effort none', { reasoning_effort: 'none' }],
    ['reasoning_effort minimal', { reasoning_effort: 'minimal' }],
    ['reasoning_effort high', { reasoning_effort: 'high' }],
    ['modalities with audio', { modalities: ['text', 'audio'], audio: { voice: 'alloy', format: 'wav' } }],
    ['store and metadata', { store: true, metadata: { team: 'search' }, service_tier: 'auto' }],
    ['null for optional settings', { temperature: null, stop: null, seed: null, logprobs: null }],
  ])('accepts %s unchanged', (_, fields) => {
    const request = { messages, ...fields }
    expect(v.parse(ChatRequestSchema, request)).toEqual(request)
  })

  it('accepts a request with every field at once', () => {
    const request = {
      model: 'gpt-4o-audio-preview',
      messages: [
        { role: 'developer', content: 'Answer briefly.' },
        { role: 'system', content: [{ type: 'text', text: 'You are a weather bot.' }] },
        {
          role: 'user',
          name: 'ada',
          content: [
            { type: 'text', text: 'Weather here?' },
            { type: 'image_url', image_url: { url: 'https://example.com/sky.jpg', detail: 'low' } },
            { type: 'input_audio', input_audio: { data: 'UklGRg==', format: 'wav' } },
          ],
        },
        {
          role: 'assistant',
          content: null,
          reasoning_content: 'The user wants the weather.',
          tool_calls: [
            {
              id: 'call_1',
              type: 'function',
              function: { name: 'get_weather', arguments: '{"city":"Paris"}' },
            },
          ],
        },
        { role: 'tool', tool_call_id: 'call_1', content: '{"temp":21}' },
        { role: 'assistant', content: null, audio: { id: 'audio_abc' } },
        { role: 'user', content: 'Thanks' },
      ],
      frequency_penalty: 0.5,
      presence_penalty: -0.5,
      repetition_penalty: 1.05,
      temperature: 0.7,
      top_p: 0.9,
      max_tokens: 256,
      max_completion_tokens: 512,
      n: 2,
      stop: ['END'],
      seed: 7,
      stream: true,
      stream_options: { include_usage: true },
      response_format: {
        type: 'json_schema',
        json_schema: { name: 'weather', schema: weatherParameters, strict: true },
      },
      tools: [{ type: 'function', function: { name: 'get_weather', parameters: weatherParameters } }],
      tool_choice: { type: 'function', function: { name: 'get_weather' } },
      parallel_tool_calls: true,
      logprobs: true,
      top_logprobs: 5,
      logit_bias: { '1734': 5 },
      user: 'user-1',
      reasoning_effort: 'medium',
      modalities: ['text', 'audio'],
      audio: { voice: 'verse', format: 'mp3' },
      store: false,
      metadata: { purpose: 'test' },
      service_tier: 'default',
    }
    expect(v.parse(ChatRequestSchema, request)).toEqual(request)
  })

  it('passes fields it does not know through unchanged, nested ones included', () => {
    const request = {
      messages,
      prediction: { type: 'content', content: 'draft' },
      web_search_options: { search_context_size: 'low' },
      safe_prompt: true,
      stream_options: { include_usage: true, include_obfuscation: false },
      response_format: {
        type: 'json_schema',
        json_schema: { name: 'w', schema: { type: 'object' }, x_hint: 1 },
      },
    }
    expect(v.parse(ChatRequestSchema, request)).toEqual(request)
  })

  it('keeps a JSON Schema as the very object it was given', () => {
    const request = {
      messages,
      tools: [{ type: 'function', function: { name: 'f', parameters: weatherParameters } }],
    }
    const output = v.parse(ChatRequestSchema, request)
    expect(output.tools?.[0]?.function.parameters).toBe(weatherParameters)
  })

  it('accepts a request without model, for Azure deployments that name it in the URL', () => {
    expect(v.parse(ChatRequestSchema, { messages })).toEqual({ messages })
  })

  it('drops a __proto__ key instead of copying it onto the output', () => {
    const request = JSON.parse('{"messages":[{"role":"user","content":"Hi"}],"__proto__":{"polluted":true}}')
    const output: Record<string, unknown> = v.parse(ChatRequestSchema, request)
    expect(Object.getPrototypeOf(output)).toBe(Object.prototype)
    expect(output.polluted).toBeUndefined()
  })
})
