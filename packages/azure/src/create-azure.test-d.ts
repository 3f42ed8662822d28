import type { ChatMessage } from '@chatwire/core'
import { describe, it } from 'vitest'
import { createAzureInference, createAzureOpenAI } from './create-azure.js'

const messages: ChatMessage[] = [{ role: 'user', content: 'Hi' }]
const azure = createAzureOpenAI({ resourceName: 'contoso', deployment: 'gpt-4o-mini', apiKey: 'k' })
const inference = createAzureInference({
  endpoint: 'https://contoso.services.ai.azure.com/models',
  apiKey: 'k',
})

describe('Azure request types', () => {
  it('take Azure OpenAI’s own fields, without a model', () => {
    void azure.complete({
      messages,
      data_sources: [
        { type: 'azure_search', parameters: { endpoint: 'https://search.example', index_name: 'docs' } },
      ],
      user_security_context: { application_name: 'support', end_user_id: 'u-1' },
    })
    // @ts-expect-error: user_security_context
    void azure.complete({ messages, user_security_contxt: { end_user_id: 'u-1' } })
    // @ts-expect-error: end_user_id
    void azure.complete({ messages, user_security_context: { end_user: 'u-1' } })
    // @ts-expect-error: temperature
    void azure.stream({ messages, temprature: 0.2 })
  })

  it('take the Model Inference extras, and those named in Extra', () => {
    void inference.complete({ messages, safe_prompt: true })
    // @ts-expect-error: safe_prompt
    void inference.complete({ messages, safe_promt: true })
    const llama = createAzureInference<{ top_k?: number }>({
      endpoint: 'https://contoso.services.ai.azure.com/models',
      apiKey: 'k',
      extraParameters: 'pass-through',
    })
    void llama.complete({ messages, top_k: 40 })
    void llama.getModelInfo()
    // @ts-expect-error: top_k is not named for this client
    void inference.complete({ messages, top_k: 40 })
  })
})
