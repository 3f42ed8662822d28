// Finish reasons the emulator does not send: Together's `eos` (its Llama models) and watsonx's `eos_token`
// end a reply as cleanly as `stop`, so the object is given.
import { completeObject, createChatClient, streamObject } from '@chatwire/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { eventStream, frame, type RawServer, startRawServer } from '../stream/raw-server.js'

let raw: RawServer
beforeAll(async () => {
  raw = await startRawServer()
})
afterAll(() => raw.close())

const Trip = z.strictObject({ city: z.string(), days: z.number() })
const content = '{"city":"Lisbon","days":3}'
const request = {
  model: 'meta-llama/Llama-3.3-70B-Instruct-Turbo',
  messages: [{ role: 'user' as const, content: 'trip' }],
}

describe.each(['eos', 'eos_token'])('a reply that ends with finish_reason %s', (finish) => {
  it('gives completeObject the object, outcome stop', async () => {
    raw.reply((response) => {
      response.writeHead(200, { 'content-type': 'application/json' })
      response.end(
        JSON.stringify({
          id: 'chatcmpl-raw',
          object: 'chat.completion',
          created: 1_700_000_000,
          model: 'raw-1',
          choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: finish }],
        }),
      )
    })
    const result = await completeObject(createChatClient(raw.endpoint), request, {
      schema: Trip,
      name: 'trip',
    })
    expect(result.outcome.type).toBe('stop')
    expect(result.object).toEqual({ city: 'Lisbon', days: 3 })
  })

  it('gives streamObject the object, outcome stop', async () => {
    raw.reply((response) => {
      eventStream(response)
      response.write(frame({ role: 'assistant', content }))
      response.write(frame({}, finish))
      response.end('data: [DONE]\n\n')
    })
    const result = await streamObject(createChatClient(raw.endpoint), request, {
      schema: Trip,
      name: 'trip',
    }).final()
    expect(result.outcome.type).toBe('stop')
    expect(result.object).toEqual({ city: 'Lisbon', days: 3 })
  })
})
