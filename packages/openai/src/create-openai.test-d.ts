import type { ChatMessage } from '@chatwire/core'
import { describe, expectTypeOf, it } from 'vitest'
import { createOpenAI } from './create-openai.js'
import type { OpenAIChatRequest } from './openai-request.js'

const messages: ChatMessage[] = [{ role: 'user', content: 'Hi' }]

describe('createOpenAI request types', () => {
  it('take OpenAI’s fields and the compatible hosts’ extras, and need a model', () => {
    const openai = createOpenAI()
    void openai.complete({
      model: 'gpt-5-mini',
      messages,
      reasoning_effort: 'minimal',
      verbosity: 'low',
      prompt_cache_key: 'faq',
      safety_identifier: 'user-1',
    })
    void openai.stream({ model: 'Qwen/Qwen3-8B', messages, top_k: 20, min_p: 0.05, repetition_penalty: 1.05 })
    // @ts-expect-error: model
    void openai.complete({ messages })
    expectTypeOf<Parameters<typeof openai.complete>[0]>().toEqualTypeOf<OpenAIChatRequest & object>()
  })

  it('refuse a misspelled field', () => {
    const openai = createOpenAI()
    // @ts-expect-error: temperature
    void openai.complete({ model: 'gpt-4o-mini', messages, temprature: 0.2 })
    // @ts-expect-error: max_tokens
    void openai.complete({ model: 'gpt-4o-mini', messages, max_token: 10 })
    // @ts-expect-error: name
    void openai.complete({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hi', nmae: 'ann' }] })
    // @ts-expect-error: verbosity
    void openai.complete({ model: 'gpt-4o-mini', messages, verbosity: 'terse' })
  })

  it('take the fields named in Extra, sent as they are', () => {
    const vllm = createOpenAI<{ guided_choice?: string[] }>({ baseURL: 'http://127.0.0.1:8000/v1' })
    void vllm.complete({ model: 'm', messages, guided_choice: ['yes', 'no'] })
    // @ts-expect-error: guided_choice
    void vllm.complete({ model: 'm', messages, guided_choise: ['yes', 'no'] })
  })
})
