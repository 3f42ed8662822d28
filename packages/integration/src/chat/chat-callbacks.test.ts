import {
  type AssistantThreadMessage,
  type ChatFinishEvent,
  chatTools,
  createChat,
  ServerError,
  tool,
} from '@chatwire/core'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { chatEmulator, unhandledRejections, whenSnapshot } from './chat-emulator.js'

const server = chatEmulator()

const request = { model: 'gpt-4o-mini' }
const slow = { callOptions: { headers: { 'x-emulator-fault': 'slow;ms=30' } } }
const started = (snapshot: { messages: readonly { content: string }[] }) =>
  (snapshot.messages[1]?.content.length ?? 0) > 0

describe('onFinish: after every reply that ended, stopped ones included', () => {
  it('stop() mid-stream calls onFinish once, with the stopped reply and the thread it ends', async () => {
    const finished: ChatFinishEvent[] = []
    const chat = createChat({ client: server.client(), request, ...slow, onFinish: (e) => finished.push(e) })
    const turn = chat.send('count to 200')
    await whenSnapshot(chat, started)
    chat.stop()
    await turn
    const { messages } = chat.getSnapshot()
    expect(finished).toEqual([{ message: messages[1], messages }])
    expect(finished[0]?.message).toMatchObject({ role: 'assistant', state: 'stopped' })
    expect(finished[0]?.message.content.length).toBeGreaterThan(0)
  })

  it('a chat no view holds any more is stopped, and onFinish hears of it', async () => {
    const finished: AssistantThreadMessage[] = []
    const chat = createChat({
      client: server.client(),
      request,
      ...slow,
      onFinish: ({ message }) => finished.push(message),
    })
    const release = chat.attach()
    const turn = chat.send('count to 200')
    await whenSnapshot(chat, started)
    release()
    await turn
    expect(finished).toEqual([chat.getSnapshot().messages[1]])
    expect(finished[0]?.state).toBe('stopped')
  })

  it('a stop before the first token ends no reply: no message, no onFinish', async () => {
    const finished: ChatFinishEvent[] = []
    const chat = createChat({ client: server.client(), request, ...slow, onFinish: (e) => finished.push(e) })
    const turn = chat.send('count to 200')
    chat.stop()
    await turn
    expect(chat.getSnapshot().messages.map((message) => message.role)).toEqual(['user'])
    expect(finished).toEqual([])
  })
})

describe('a callback that throws does not break the chat', () => {
  it('a throwing onFinish is reported as an unhandled rejection; the turn ends ready', async () => {
    const failure = new Error('the analytics call failed')
    const chat = createChat({
      client: server.client(),
      request,
      onFinish: () => {
        throw failure
      },
    })
    const reported = await unhandledRejections(() => chat.send('Hello'))
    expect(reported).toEqual([failure])
    expect(chat.getSnapshot()).toMatchObject({ status: 'ready', error: undefined })
    expect(chat.getSnapshot().messages[1]).toMatchObject({ state: 'complete', content: 'You said: Hello' })
  })

  it('with a throwing onFinish, the client tools still run and the chat goes on to the answer', async () => {
    const calls: string[] = []
    const weather = tool({
      name: 'get_weather',
      parameters: z.object({ location: z.string() }),
      execute: ({ location }) => {
        calls.push(location)
        return `${location}: 22 °C`
      },
    })
    const chat = createChat({
      client: server.client(),
      request,
      tools: chatTools([weather]),
      onFinish: () => {
        throw new Error('the analytics call failed')
      },
    })
    const reported = await unhandledRejections(() => chat.send('weather in Paris'))
    // One report per reply: the one asking for the tool, and the answer.
    expect(reported).toHaveLength(2)
    expect(calls).toEqual(['Paris'])
    const [, asked, answered] = chat.getSnapshot().messages as AssistantThreadMessage[]
    expect(asked?.toolCalls).toMatchObject([{ state: 'done', result: 'Paris: 22 °C' }])
    expect(answered?.content).toMatch(/^Here is what I found/)
    expect(chat.getSnapshot().status).toBe('ready')
  })

  it('a throwing onError is reported as an unhandled rejection; the failure stays in the snapshot', async () => {
    const thrown = new Error('the error toast failed')
    const chat = createChat({
      client: server.client(),
      request,
      callOptions: { headers: { 'x-emulator-fault': 'server_error' } },
      onError: () => {
        throw thrown
      },
    })
    const reported = await unhandledRejections(() => chat.send('Hello'))
    expect(reported).toEqual([thrown])
    const { status, error } = chat.getSnapshot()
    expect([status, error?.constructor]).toEqual(['error', ServerError])
    chat.setOptions({ callOptions: {}, onError: undefined })
    await chat.send('again')
    expect(chat.getSnapshot().status).toBe('ready')
  })
})

describe('a subscriber that throws', () => {
  it('is reported, and neither keeps the other subscribers from the snapshots nor breaks the turn', async () => {
    const chat = createChat({ client: server.client(), request })
    const failure = new Error('a view crashed')
    chat.subscribe(() => {
      throw failure
    })
    const seen: string[] = []
    chat.subscribe(() => seen.push(chat.getSnapshot().status))
    const reported = await unhandledRejections(() => chat.send('Hello'))
    expect(reported.length).toBeGreaterThan(0)
    expect(reported.every((error) => error === failure)).toBe(true)
    expect(seen.at(-1)).toBe('ready')
    expect(seen).toContain('streaming')
    expect(chat.getSnapshot().messages[1]).toMatchObject({ state: 'complete', content: 'You said: Hello' })
  })
})
