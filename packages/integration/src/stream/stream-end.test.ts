// How a stream ends, over HTTP: by its finish reasons when [DONE] is missing, `incomplete` when a choice is
// left open or the body is cut inside a frame, never a MalformedStreamError for half a frame.
import {
  type ChatError,
  type ChatResult,
  type ChatStream,
  createChatClient,
  type DeltaEvent,
  decodeSSE,
  readChunks,
  toSSE,
} from '@chatwire/core'
import { type Emulator, startEmulator } from '@chatwire/emulator'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ask, emulatorEndpoint, weatherTool } from '../emulator-endpoint.js'
import { eventStream, frame, type RawServer, startRawServer } from './raw-server.js'

let emulator: Emulator
let raw: RawServer
beforeAll(async () => {
  emulator = await startEmulator({ port: 0, tokenDelayMs: 0 })
  raw = await startRawServer()
})
afterAll(async () => {
  await emulator.close()
  await raw.close()
})

const emulated = () =>
  createChatClient(
    emulatorEndpoint(() => emulator.url),
    { maxRetries: 0 },
  )

/** What a consumer saw, what iteration threw, and what final() said. */
async function read(stream: AsyncIterable<DeltaEvent> & { final(): Promise<ChatResult> }) {
  let seen = ''
  let thrown: ChatError | undefined
  try {
    for await (const event of stream) if (event.type === 'content.delta') seen += event.delta
  } catch (error) {
    thrown = error as ChatError
  }
  return { seen, thrown, result: await stream.final() }
}

describe('a stream without data: [DONE]', () => {
  it('whose every choice finished has the finish reason as its outcome: tool_calls, not incomplete', async () => {
    const fault = { headers: { 'x-emulator-fault': 'no_done' } }
    const request = ask('weather in Paris and Tokyo', { tools: [weatherTool] })
    const { thrown, result } = await read(emulated().stream(request, fault))
    expect(thrown).toBeUndefined()
    expect(result.sawDone).toBe(false)
    expect(result.outcome).toMatchObject({
      type: 'tool_calls',
      calls: [{ name: 'get_weather' }, { name: 'get_weather' }],
    })
  })

  it('says sawDone when [DONE] came', async () => {
    const { result } = await read(emulated().stream(ask('one two')))
    expect({ type: result.outcome.type, sawDone: result.sawDone }).toEqual({ type: 'stop', sawDone: true })
  })

  it('with two choices, one of them left open, is incomplete for that one only', async () => {
    raw.reply((response) => {
      eventStream(response)
      const choice = (index: number, content: string, finish: string | null) =>
        `data: ${JSON.stringify({ id: 'c', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index, delta: { content }, finish_reason: finish }] })}\n\n`
      response.end(choice(0, 'Red', null) + choice(1, 'Blue', null) + choice(1, '', 'stop'))
    })
    const { thrown, result } = await read(createChatClient(raw.endpoint).stream(ask('colors', { n: 2 })))
    expect(thrown).toBeUndefined()
    expect(result.outcomes.map((o) => [o.type, o.type === 'incomplete' ? o.reason : undefined])).toEqual([
      ['incomplete', 'no_finish_reason'],
      ['stop', undefined],
    ])
  })
})

describe('a body cut inside a frame', () => {
  const cut = () => {
    raw.reply((response) => {
      eventStream(response)
      response.end(
        `${frame({ role: 'assistant', content: 'Hello' })}${frame({ content: ' wor' })}data: {"id":"chatc`,
      )
    })
  }

  it('is incomplete (truncated) with the partial, and iteration ends without an error', async () => {
    cut()
    const { seen, thrown, result } = await read(createChatClient(raw.endpoint).stream(ask('hi')))
    expect(thrown).toBeUndefined()
    expect(seen).toBe('Hello wor')
    expect(result.outcome).toMatchObject({ type: 'incomplete', reason: 'truncated' })
    expect(result.completion.choices[0]?.message.content).toBe('Hello wor')
    expect(result.sawDone).toBe(false)
  })

  it('is incomplete (truncated) even after the finish reason, when the usage chunk was cut', async () => {
    raw.reply((response) => {
      eventStream(response)
      response.end(
        `${frame({ content: 'Done.' })}${frame({}, 'stop')}data: {"id":"chatcmpl-raw","usage":{"pro`,
      )
    })
    const { result } = await read(createChatClient(raw.endpoint).stream(ask('hi')))
    expect(result.outcome).toMatchObject({ type: 'incomplete', reason: 'truncated' })
  })

  it('is no fault when the last frame lacks only its blank line', async () => {
    raw.reply((response) => {
      eventStream(response)
      response.end(`${frame({ content: 'Done.' })}${frame({}, 'stop').trimEnd()}\n`)
    })
    const { result } = await read(createChatClient(raw.endpoint).stream(ask('hi')))
    expect({ type: result.outcome.type, text: result.text }).toEqual({ type: 'stop', text: 'Done.' })
  })

  it('reads the same through readChunks(decodeSSE(body)): truncated, not thrown', async () => {
    cut()
    const { url } = await raw.endpoint.prepare(ask('hi'), {
      stream: true,
      signal: new AbortController().signal,
    })
    const body = (await fetch(url, { method: 'POST', body: '{}' })).body as ReadableStream<Uint8Array>
    const chunks = readChunks(decodeSSE(body))
    const contents: unknown[] = []
    for await (const chunk of chunks) contents.push(chunk.choices[0]?.delta?.content)
    expect({ contents, truncated: chunks.truncated }).toEqual({
      contents: ['Hello', ' wor'],
      truncated: true,
    })
  })
})

describe('relaying how a stream ended (toSSE)', () => {
  /** A client whose fetch answers with the bytes another stream's toSSE() gave. */
  const farClient = (relayed: Uint8Array<ArrayBuffer>) =>
    createChatClient(
      { name: 'relay', prepare: (body) => ({ url: 'http://relay.invalid/chat', headers: {}, body }) },
      {
        maxRetries: 0,
        fetch: async () => new Response(relayed, { headers: { 'content-type': 'text/event-stream' } }),
      },
    )
  const relay = async (stream: ChatStream) => new Uint8Array(await new Response(toSSE(stream)).arrayBuffer())

  it('ends a stream cut inside a frame with a cut line, so the far side is incomplete (truncated) too', async () => {
    raw.reply((response) => {
      eventStream(response)
      response.end(`${frame({ content: 'Done.' })}${frame({}, 'stop')}data: {"id":"chatcmpl-raw","us`)
    })
    const near = createChatClient(raw.endpoint).stream(ask('hi'))
    const relayed = await relay(near)
    expect(new TextDecoder().decode(relayed)).toMatch(/"finish_reason":"stop"\S*\n\n:$/)
    const far = await read(farClient(relayed).stream(ask('hi')))
    expect(far.result.outcome).toMatchObject({ type: 'incomplete', reason: 'truncated' })
    expect((await near.final()).outcome).toMatchObject({ type: 'incomplete', reason: 'truncated' })
  })

  it('ends a stream that lacked only [DONE] cleanly: the far side has the finish reason', async () => {
    raw.reply((response) => {
      eventStream(response)
      response.end(`${frame({ content: 'Done.' })}${frame({}, 'stop')}`)
    })
    const relayed = await relay(createChatClient(raw.endpoint).stream(ask('hi')))
    expect(new TextDecoder().decode(relayed)).toMatch(/"finish_reason":"stop"\S*\n\n$/)
    const far = await read(farClient(relayed).stream(ask('hi')))
    expect({ type: far.result.outcome.type, sawDone: far.result.sawDone }).toEqual({
      type: 'stop',
      sawDone: false,
    })
  })
})
