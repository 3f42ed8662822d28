import type { ChatMessage } from '@chatwire/core'
import { describe, it } from 'vitest'
import { createFetchClient } from './create-fetch-client.js'

const messages: ChatMessage[] = [{ role: 'user', content: 'Hi' }]

describe('createFetchClient request types', () => {
  it('take the core request, without a model, and refuse a misspelled field', () => {
    const chat = createFetchClient({ url: '/api/chat' })
    void chat.stream({ messages, temperature: 0.2 })
    // @ts-expect-error: temperature
    void chat.stream({ messages, temprature: 0.2 })
  })

  it('take the fields your route names in Extra', () => {
    const chat = createFetchClient<{ conversationId: string }>({ url: '/api/chat' })
    void chat.stream({ messages, conversationId: 'c-1' })
    // @ts-expect-error: conversationId is required by this route's type
    void chat.stream({ messages })
  })
})
