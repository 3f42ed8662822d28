import { type ChatError, MalformedStreamError } from '@chatwire/core'
import { createOpenAI } from '@chatwire/openai'
import { rejection } from '@chatwire/testkit'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, type TestServer } from './test-server.js'

// Non-conforming hosts' non-streamed replies: what complete() makes of them, compared with stream() where the
// same fault can be streamed.

let server: TestServer
beforeAll(async () => {
  server = await startTestServer()
})
afterAll(() => server.close())

const ask = { model: 'm', messages: [{ role: 'user' as const, content: 'hi' }] }
const client = () => createOpenAI({ apiKey: 'sk-test-abcdef', baseURL: `${server.url}/v1`, maxRetries: 0 })

function answer(body: string, type = 'application/json'): void {
  server.handle((_request, response) => {
    response.writeHead(200, { 'content-type': type })
    response.end(body)
  })
}

const completion = (choices: unknown[]) =>
  JSON.stringify({ id: 'c', object: 'chat.completion', created: 1, model: 'm', choices })
const choice = (message: unknown, finish = 'stop') => ({ index: 0, message, finish_reason: finish })
const frame = (delta: unknown, finish: string | null = null) =>
  `data: ${JSON.stringify({ id: 'c', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`

const toolCall = (args: unknown) => ({
  id: 'call_1',
  type: 'function',
  function: { name: 'weather', arguments: args },
})

describe('complete() reads tool-call arguments sent as an object', () => {
  it('as their JSON text, so the outcome has them, as stream() does', async () => {
    const args = { city: 'Paris', days: [1, 2] }
    answer(
      completion([choice({ role: 'assistant', content: null, tool_calls: [toolCall(args)] }, 'tool_calls')]),
    )
    const whole = await client().complete(ask)
    expect(whole.completion.choices[0]?.message.tool_calls?.[0]?.function.arguments).toBe(
      JSON.stringify(args),
    )
    if (whole.outcome.type !== 'tool_calls') throw new Error(`expected tool_calls, got ${whole.outcome.type}`)
    expect(whole.outcome.calls[0]).toMatchObject({ arguments: JSON.stringify(args), input: args })

    answer(
      frame({ role: 'assistant', tool_calls: [{ index: 0, ...toolCall(args) }] }) +
        frame({}, 'tool_calls') +
        'data: [DONE]\n\n',
      'text/event-stream',
    )
    const streamed = await client().stream(ask).final()
    if (streamed.outcome.type !== 'tool_calls')
      throw new Error(`expected tool_calls, got ${streamed.outcome.type}`)
    expect(streamed.outcome.calls[0]?.input).toEqual(whole.outcome.calls[0]?.input)
  })

  // The arguments as JSON text in the body: the deep object is more than JSON.stringify could write here.
  it.each<[string, string]>([
    ['a number', '42'],
    ['a boolean', 'true'],
    ['an object nested deeper than JSON.stringify goes', `${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`],
  ])('refuses arguments that are %s with a typed error naming the path, never the value', async (_, args) => {
    const calls = [toolCall('{}'), toolCall('ARGS')]
    const body = completion([choice({ role: 'assistant', content: null, tool_calls: calls }, 'tool_calls')])
    answer(body.replace('"ARGS"', args))
    const error = await rejection<ChatError>(client().complete(ask))
    expect(error).toBeInstanceOf(MalformedStreamError)
    expect(error.message).toBe(
      'The reply is not a chat completion: `choices[0].message.tool_calls[1].function.arguments` is neither ' +
        'JSON text nor an object that can be written as JSON',
    )
  })
})

describe('complete() says what is wrong with a choice', () => {
  it('names the choice without a message object', async () => {
    answer(completion([choice({ role: 'assistant', content: 'a' }), { index: 1, finish_reason: 'stop' }]))
    const error = await rejection<ChatError>(client().complete(ask))
    expect(error).toBeInstanceOf(MalformedStreamError)
    expect(error.message).toBe(
      'The reply is not a chat completion: the choice at `choices[1]` has no message object',
    )
  })

  it('names a choice that is not an object, and choices that are not an array', async () => {
    answer(completion([choice({ role: 'assistant', content: 'a' }), 'PLANTED']))
    expect((await rejection<ChatError>(client().complete(ask))).message).toBe(
      'The reply is not a chat completion: the choice at `choices[1]` is not an object',
    )
    answer(JSON.stringify({ id: 'c', choices: 'PLANTED' }))
    expect((await rejection<ChatError>(client().complete(ask))).message).toBe(
      'The reply is not a chat completion: it has no `choices` array',
    )
  })

  it.each<[string, unknown]>([
    ['a number', 5],
    ['an object', { text: 'PLANTED' }],
    ['a boolean', false],
  ])('refuses content that is %s, as stream() does', async (_, content) => {
    answer(completion([choice({ role: 'assistant', content })]))
    const error = await rejection<ChatError>(client().complete(ask))
    expect(error).toBeInstanceOf(MalformedStreamError)
    expect(error.message).toBe(
      'The reply is not a chat completion: `choices[0].message.content` is neither text nor parts',
    )
    expect(error.message).not.toContain('PLANTED')

    answer(
      `${frame({ role: 'assistant', content })}${frame({}, 'stop')}data: [DONE]\n\n`,
      'text/event-stream',
    )
    const streamed = await client().stream(ask).final()
    expect(streamed.outcome.type === 'error' && streamed.outcome.error).toBeInstanceOf(MalformedStreamError)
  })

  it('still reads text, null content, and parts', async () => {
    answer(completion([choice({ role: 'assistant', content: 'Hello' })]))
    expect((await client().complete(ask)).text).toBe('Hello')
    answer(completion([choice({ role: 'assistant', content: [{ type: 'text', text: 'Hi' }] })]))
    expect((await client().complete(ask)).text).toBe('Hi')
    answer(completion([choice({ role: 'assistant', content: null, refusal: 'No' })]))
    expect((await client().complete(ask)).outcome.type).toBe('refusal')
  })
})

describe('complete() and the choices of a reply', () => {
  it('gives the outcome and the text of one choice: index 0, else the first there is', async () => {
    answer(
      completion([
        { ...choice({ role: 'assistant', content: 'one' }, 'length'), index: 1 },
        choice({ role: 'assistant', content: 'zero' }),
      ]),
    )
    const both = await client().complete(ask)
    expect([both.outcome.type, both.outcome.choice, both.text]).toEqual(['stop', 0, 'zero'])
    answer(completion([{ ...choice({ role: 'assistant', content: 'only one' }, 'length'), index: 1 }]))
    const alone = await client().complete(ask)
    expect([alone.outcome.type, alone.outcome.choice, alone.text]).toEqual(['length', 1, 'only one'])
  })

  it('refuses a reply of more choices than a stream may have (1024), before any outcome is worked out', async () => {
    const many = Array.from({ length: 1025 }, (_, index) => ({
      ...choice({ role: 'assistant', content: '' }),
      index,
    }))
    answer(completion(many))
    const error = await rejection<ChatError>(client().complete(ask))
    expect([error.constructor, error.message]).toEqual([
      MalformedStreamError,
      "The reply is not a chat completion: it has more than 1024 choices (a stream's are capped alike)",
    ])
    answer(completion(many.slice(0, 1024)))
    expect((await client().complete(ask)).outcomes).toHaveLength(1024)
  })
})
