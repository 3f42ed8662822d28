import type * as v from 'valibot'
import { describe, expectTypeOf, it } from 'vitest'
import type { ChatClient } from '../client/create-chat-client.js'
import { createChatClient } from '../client/create-chat-client.js'
import type { ChatEndpoint } from '../endpoint.js'
import type { KnownFields } from './known-fields.js'
import type { ChatMessage, ChatMessageSchema, FilePart, UserContentPart } from './message.js'
import type { ChatRequest, ChatRequestSchema } from './request.js'
import type { ChatCompletion } from './response.js'

declare const client: ChatClient
declare const endpoint: ChatEndpoint
declare const completion: ChatCompletion
const messages: ChatMessage[] = [{ role: 'user', content: 'Hi' }]

describe('request types', () => {
  it('are the schemas’ outputs without their index signatures', () => {
    expectTypeOf<ChatMessage>().toEqualTypeOf<KnownFields<v.InferOutput<typeof ChatMessageSchema>>>()
    expectTypeOf<ChatRequest>().branded.toEqualTypeOf<KnownFields<v.InferOutput<typeof ChatRequestSchema>>>()
  })

  it('refuse a misspelled field of a request, a message or a content part', () => {
    // @ts-expect-error: temperature
    void client.complete({ model: 'm', messages, temprature: 0.2 })
    // @ts-expect-error: max_tokens
    void client.stream({ model: 'm', messages, max_token: 10 })
    // @ts-expect-error: name
    void client.complete({ messages: [{ role: 'user', content: 'Hi', nmae: 'ann' }] })
    // @ts-expect-error: text
    void client.complete({ messages: [{ role: 'user', content: [{ type: 'text', txt: 'Hi' }] }] })
    const request: ChatRequest = {
      messages,
      // @ts-expect-error: parameters
      tools: [{ type: 'function', function: { name: 'f', paramters: {} } }],
    }
    expectTypeOf(request).toExtend<ChatRequest>()
  })

  it('take a file part (a PDF as data, or an uploaded file), and refuse a misspelled field of it', () => {
    const pdf: UserContentPart = {
      type: 'file',
      file: { filename: 'a.pdf', file_data: 'data:application/pdf;base64,' },
    }
    void client.complete({
      messages: [{ role: 'user', content: [pdf, { type: 'file', file: { file_id: 'file-1' } }] }],
    })
    const misspelled: UserContentPart = {
      type: 'file',
      // @ts-expect-error: file_data
      file: { filedata: 'x' },
    }
    expectTypeOf(misspelled).toExtend<UserContentPart>()
    expectTypeOf<FilePart>().toExtend<UserContentPart>()
  })

  it('keep records open: logit_bias, metadata, a JSON Schema', () => {
    void client.complete({
      messages,
      logit_bias: { '50256': -100 },
      metadata: { team: 'a' },
      tools: [{ type: 'function', function: { name: 'f', parameters: { type: 'object', anything: 1 } } }],
    })
  })

  it('take the fields named by createChatClient’s Extra, and still refuse others', () => {
    const gateway = createChatClient<{ top_k?: number }>(endpoint)
    void gateway.complete({ messages, top_k: 40 })
    // @ts-expect-error: top_k
    void gateway.complete({ messages, top_kk: 40 })
    // @ts-expect-error: not a number
    void gateway.complete({ messages, top_k: 'forty' })
    void createChatClient(endpoint).complete({
      messages,
      // @ts-expect-error: top_k is not a core field
      top_k: 40,
    })
  })
})

describe('a completion', () => {
  it('has text content, and a message that can be sent back as it is', () => {
    const [choice] = completion.choices
    if (choice === undefined) return
    expectTypeOf(choice.message.content).toEqualTypeOf<string | null>()
    messages.push(choice.message)
    void client.complete({ messages: [...messages, choice.message, { role: 'user', content: 'And?' }] })
  })
})
