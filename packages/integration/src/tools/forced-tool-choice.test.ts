// OpenAI forces the call a request's tool_choice names on every request that names it, and finishes it with
// `stop`: a tool loop that kept naming it would call the tool until its step limit.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { type AssistantThreadMessage, chatTools, createChat, runTools, tool } from '@chatwire/core'
import { createOpenAI } from '@chatwire/openai'
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest'
import { z } from 'zod'

interface Asked {
  tool_choice?: unknown
  messages: { role: string }[]
}

let server: Server
let url: string
const asked: Asked[] = []

/** A forced call when the request names the tool, else the answer: as OpenAI does. */
function reply(request: Asked): object {
  const forced = typeof request.tool_choice === 'object' && request.tool_choice !== null
  const message = forced
    ? {
        role: 'assistant',
        content: null,
        tool_calls: [
          {
            id: `call_${asked.length}`,
            type: 'function',
            function: { name: 'get_weather', arguments: '{"city":"Paris"}' },
          },
        ],
      }
    : { role: 'assistant', content: 'It is 22 °C in Paris.' }
  return {
    id: 'c',
    object: 'chat.completion',
    created: 1,
    model: 'm',
    choices: [{ index: 0, message, finish_reason: 'stop' }],
  }
}

beforeAll(async () => {
  server = createServer((request, response) => {
    let body = ''
    request.setEncoding('utf8').on('data', (piece: string) => {
      body += piece
    })
    request.on('end', () => {
      const parsed = JSON.parse(body) as Asked & { stream?: boolean }
      asked.push(parsed)
      const completion = reply(parsed) as { choices: { message: object; finish_reason: string }[] }
      if (!parsed.stream) {
        response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(completion))
        return
      }
      const [choice] = completion.choices
      const chunk = { id: 'c', object: 'chat.completion.chunk', created: 1, model: 'm' }
      response.writeHead(200, { 'content-type': 'text/event-stream' })
      response.write(
        `data: ${JSON.stringify({ ...chunk, choices: [{ index: 0, delta: choice?.message, finish_reason: null }] })}\n\n`,
      )
      response.end(
        `data: ${JSON.stringify({ ...chunk, choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] })}\n\ndata: [DONE]\n\n`,
      )
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`
})
afterAll(() => new Promise((resolve) => server.close(resolve)))
beforeEach(() => {
  asked.length = 0
})

const forced = { type: 'function' as const, function: { name: 'get_weather' } }

function weather() {
  const ran: unknown[] = []
  const get = tool({
    name: 'get_weather',
    parameters: z.object({ city: z.string() }),
    execute: ({ city }) => {
      ran.push(city)
      return `${city}: 22 °C`
    },
  })
  return { get, ran }
}

it('runTools runs a call the request forced once, then asks with tool_choice auto, and finishes', async () => {
  const { get, ran } = weather()
  const { outcome, messages } = await runTools(
    createOpenAI({ apiKey: 'sk-test', baseURL: url }),
    { model: 'm', messages: [{ role: 'user', content: 'weather in Paris' }], tool_choice: forced },
    { tools: [get] },
  ).final()
  expect([outcome.type, ran, asked.map((request) => request.tool_choice)]).toEqual([
    'finished',
    ['Paris'],
    [forced, 'auto'],
  ])
  expect(messages.at(-1)).toMatchObject({ role: 'assistant', content: 'It is 22 °C in Paris.' })
})

it('a chat runs a call its request forced once, then asks with tool_choice auto, and answers', async () => {
  const { get, ran } = weather()
  const chat = createChat({
    client: createOpenAI({ apiKey: 'sk-test', baseURL: url }),
    request: { model: 'm', tool_choice: forced },
    tools: chatTools([get]),
  })
  await chat.send('weather in Paris')
  const replies = chat
    .getSnapshot()
    .messages.filter((m): m is AssistantThreadMessage => m.role === 'assistant')
  expect([chat.getSnapshot().status, ran, asked.map((request) => request.tool_choice)]).toEqual([
    'ready',
    ['Paris'],
    [forced, 'auto'],
  ])
  expect(replies.at(-1)?.content).toBe('It is 22 °C in Paris.')
  // The next message of the user is forced again.
  await chat.send('and in Lyon?')
  expect(asked.map((request) => request.tool_choice)).toEqual([forced, 'auto', forced, 'auto'])
})
