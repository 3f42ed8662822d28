import { type ChatError, InvalidRequestError } from '@chatwire/core'
import { useEmulator } from '@chatwire/emulator/testing'
import { createOpenAI } from '@chatwire/openai'
import { rejection } from '@chatwire/testkit'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'

const emulator = useEmulator({ hooks: { beforeAll, afterAll, beforeEach } })
const client = () =>
  createOpenAI({ apiKey: 'sk-test-abcdef', baseURL: `${emulator.current.url}/v1`, maxRetries: 0 })

describe('the request schema over HTTP', () => {
  it('sends an OpenAI file part (a PDF as a data URL, an uploaded file by id) as it is', async () => {
    const pdf = {
      type: 'file' as const,
      file: { filename: 'a.pdf', file_data: 'data:application/pdf;base64,JVBERi0xLjQK' },
    }
    const upload = { type: 'file' as const, file: { file_id: 'file-abc123' } }
    const content = [{ type: 'text' as const, text: 'Summarise' }, pdf, upload]
    const { outcome } = await client().complete({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content }],
    })
    expect(outcome.type).toBe('stop')
    const [record] = emulator.current.requests
    expect(record?.body).toMatchObject({ messages: [{ role: 'user', content }] })
  })

  it('refuses a file part with neither data nor id before the network, naming it', async () => {
    const content = [{ type: 'file' as const, file: { filename: 'a.pdf' } }]
    const error = await rejection<ChatError>(
      client().complete({ model: 'gpt-4o-mini', messages: [{ role: 'user', content }] }),
    )
    expect(error).toBeInstanceOf(InvalidRequestError)
    expect((error as InvalidRequestError).path).toBe('messages[0].content[0].file')
    expect(emulator.current.requests).toHaveLength(0)
  })

  it('refuses a JSON Schema type that is not one of the seven, deep in a tool or a response format', async () => {
    const tools = [
      {
        type: 'function' as const,
        function: { name: 'f', parameters: { type: 'object', properties: { a: { type: 'no-such-type' } } } },
      },
    ]
    const ask = { model: 'gpt-4o-mini', messages: [{ role: 'user' as const, content: 'hi' }] }
    const tool = await rejection<ChatError>(client().complete({ ...ask, tools }))
    expect(tool).toBeInstanceOf(InvalidRequestError)
    expect((tool as InvalidRequestError).path).toBe('tools[0].function.parameters.properties.a.type')
    const schema = { type: 'object', properties: { list: { type: 'array', items: { type: 'strng' } } } }
    const format = await client()
      .stream({ ...ask, response_format: { type: 'json_schema', json_schema: { name: 'w', schema } } })
      .final()
    if (format.outcome.type !== 'error') throw new Error(`expected an error, got ${format.outcome.type}`)
    expect(format.outcome.error).toBeInstanceOf(InvalidRequestError)
    expect((format.outcome.error as InvalidRequestError).path).toBe(
      'response_format.json_schema.schema.properties.list.items.type',
    )
    expect(emulator.current.requests).toHaveLength(0)
  })
})
