import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ReplyRequest } from './model/scripted.js'
import { type Emulator, startEmulator } from './server.js'
import { AZURE_CHAT, AZURE_KEY, ask, CHAT, INFERENCE_CHAT, post } from './testing/client.js'
import { chunksOf, type Json } from './testing/sse.js'

const ROUTES = [
  ['openai', CHAT, undefined, 'gpt-4o-mini'],
  ['azure-openai', AZURE_CHAT, AZURE_KEY, undefined],
  ['model-inference', INFERENCE_CHAT, AZURE_KEY, undefined],
] as const

/** The text and tool calls a reply carries, streamed or not. */
function replyOf(reply: { text: string; json: () => Json }, stream: boolean) {
  if (!stream) {
    const message = reply.json().choices[0].message
    return {
      text: message.content,
      calls: message.tool_calls ?? [],
      finish: reply.json().choices[0].finish_reason,
    }
  }
  const choices = chunksOf(reply.text).flatMap((chunk) => chunk.choices ?? [])
  const text = choices.map((choice) => choice.delta?.content ?? '').join('')
  const calls = choices.flatMap((choice) => choice.delta?.tool_calls ?? [])
  const finish = choices.find((choice) => choice.finish_reason)?.finish_reason
  return { text: text === '' ? null : text, calls, finish }
}

describe('a scripted reply', () => {
  let emulator: Emulator
  const seen: ReplyRequest[] = []
  beforeAll(async () => {
    emulator = await startEmulator({
      port: 0,
      tokenDelayMs: 0,
      reply: (request) => {
        seen.push(request)
        if (request.lastUserText.startsWith('tools')) {
          return {
            toolCalls: [
              { name: 'lookup', arguments: { query: 'Oslo' } },
              { name: 'raw', arguments: '{"a":' },
            ],
          }
        }
        if (request.lastUserText.startsWith('mine')) return undefined
        return `Scripted for ${request.dialect} (${request.model})`
      },
    })
  })
  afterAll(() => emulator.close())

  it.each(ROUTES)('answers its text in %s, streamed or not', async (dialect, path, headers, model) => {
    for (const stream of [false, true]) {
      const reply = await post(emulator, path, { ...ask('Hello', { stream }), model }, headers)
      expect(reply.status).toBe(200)
      const model_ =
        dialect === 'openai'
          ? 'gpt-4o-mini'
          : dialect === 'azure-openai'
            ? 'gpt-4o-mini-2024-07-18'
            : 'Mistral-Large-2411'
      expect(replyOf(reply, stream)).toMatchObject({
        text: `Scripted for ${dialect} (${model_})`,
        finish: 'stop',
      })
    }
  })

  it.each(ROUTES)('makes its tool calls in %s, streamed or not', async (_dialect, path, headers, model) => {
    for (const stream of [false, true]) {
      const reply = await post(emulator, path, { ...ask('tools please', { stream }), model }, headers)
      const { text, calls, finish } = replyOf(reply, stream)
      expect([text, finish]).toEqual([null, 'tool_calls'])
      const names = calls.map((call: Json) => call.function.name).filter(Boolean)
      const args = calls.map((call: Json) => call.function.arguments ?? '').join('')
      expect(names).toEqual(['lookup', 'raw'])
      expect(args).toBe('{"query":"Oslo"}{"a":')
    }
  })

  it('finishes its tool calls with stop when tool_choice names a function, streamed or not', async () => {
    const forced = { type: 'function', function: { name: 'lookup' } }
    for (const stream of [false, true]) {
      const reply = await post(emulator, CHAT, ask('tools please', { stream, tool_choice: forced }))
      const { calls, finish } = replyOf(reply, stream)
      expect(finish).toBe('stop')
      expect(calls.map((call: Json) => call.function.name).filter(Boolean)).toEqual(['lookup', 'raw'])
    }
  })

  it('is given the request, and leaves it to the scripted model when it returns undefined', async () => {
    const reply = await post(emulator, CHAT, ask('mine [[model:refuse]]', { temperature: 0.5 }))
    expect(reply.json().choices[0].message.refusal).toMatch(/can't help/)
    expect(seen.at(-1)).toMatchObject({ dialect: 'openai', scope: undefined, request: { temperature: 0.5 } })
  })

  it('is still cut by max_tokens and by a fault', async () => {
    const short = await post(emulator, CHAT, ask('Hello', { max_tokens: 2 }))
    expect(short.json().choices[0]).toMatchObject({
      message: { content: 'Scripted for' },
      finish_reason: 'length',
    })
    const cut = await post(emulator, CHAT, ask('Hello', { stream: true }), {
      authorization: 'Bearer sk',
      'x-emulator-fault': 'cut;after=3',
    })
    expect(replyOf(cut, true)).toMatchObject({ text: 'Scripted for', finish: undefined })
    const failed = await post(emulator, CHAT, ask('Hello'), {
      authorization: 'Bearer sk',
      'x-emulator-fault': 'rate_limit',
    })
    expect(failed.status).toBe(429)
  })

  it("of a scope wins over the server's, for that scope's requests alone", async () => {
    const scope = emulator.scope({ reply: { text: 'Scoped', reasoning: 'Thinking.' } })
    const scoped = await post(emulator, CHAT, ask('Hello'), { authorization: 'Bearer sk', ...scope.headers })
    expect(scoped.json().choices[0].message).toMatchObject({
      content: 'Scoped',
      reasoning_content: 'Thinking.',
    })
    const other = await post(emulator, CHAT, ask('Hello'))
    expect(other.json().choices[0].message.content).toBe('Scripted for openai (gpt-4o-mini)')
  })
})

describe('a reply function that throws', () => {
  it('gets its request a 500, and its error goes to the log', async () => {
    const lines: string[] = []
    const emulator = await startEmulator({
      port: 0,
      log: (line) => lines.push(line),
      reply: () => {
        throw new Error('the test script broke')
      },
    })
    try {
      expect((await post(emulator, CHAT, ask('Hello'))).status).toBe(500)
      expect(lines.some((line) => line.includes('the test script broke'))).toBe(true)
    } finally {
      await emulator.close()
    }
  })
})

describe('a scripted reply that is not one', () => {
  it.each([
    [42, 'a text, or { text, toolCalls, refusal, reasoning }'],
    [{ content: 'Hi' }, 'only the fields text, toolCalls, refusal, reasoning (not content)'],
    [{ text: 7 }, 'a text that is a string or null'],
    [{ toolCalls: [{ arguments: {} }] }, 'toolCalls[0] with a non-empty name'],
  ])('%j is refused at start and by a scope, naming what a reply takes', async (reply, words) => {
    await expect(startEmulator({ port: 0, reply: reply as never })).rejects.toThrow(
      new RegExp(`^The emulator option reply takes a function of the request, or ${escaped(words)}`),
    )
    const emulator = await startEmulator({ port: 0 })
    try {
      expect(() => emulator.scope({ reply: reply as never })).toThrow(
        new RegExp(`^The reply of a scope takes a function of the request, or ${escaped(words)}`),
      )
    } finally {
      await emulator.close()
    }
  })

  const cycle: Record<string, unknown> = {}
  cycle.self = cycle
  it.each([
    ['a BigInt', 10n],
    ['a function', () => 1],
    ['a symbol', Symbol('x')],
    ['a cycle', cycle],
    ['a BigInt inside', { n: [1n] }],
  ])(
    'with tool call arguments JSON cannot write (%s) is refused at start and by a scope',
    async (_, value) => {
      const reply = { toolCalls: [{ name: 'f' }, { name: 'g', arguments: value }] }
      const words = 'toolCalls[1] with arguments that are a JSON text or a value JSON.stringify writes'
      await expect(startEmulator({ port: 0, reply })).rejects.toThrow(words)
      const emulator = await startEmulator({ port: 0 })
      try {
        expect(() => emulator.scope({ reply })).toThrow(words)
      } finally {
        await emulator.close()
      }
    },
  )

  it('returned by a reply function fails its request with a 500, and the log says what a reply takes', async () => {
    const lines: string[] = []
    const emulator = await startEmulator({
      port: 0,
      log: (line) => lines.push(line),
      reply: () => ({ content: 'Hi' }) as never,
    })
    try {
      expect((await post(emulator, CHAT, ask('Hello'))).status).toBe(500)
      expect(lines.some((line) => line.includes("The emulator's reply function returned no reply"))).toBe(
        true,
      )
    } finally {
      await emulator.close()
    }
  })
})

function escaped(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
