import { type AssistantThreadMessage, ChatBusyError, createChat } from '@chatwire/core'
import { describe, expect, it } from 'vitest'
import { chatEmulator, whenSnapshot } from './chat-emulator.js'

const server = chatEmulator()

const weather = {
  type: 'function' as const,
  function: {
    name: 'get_weather',
    parameters: { type: 'object', properties: { location: { type: 'string' } }, required: ['location'] },
  },
}
const request = { model: 'gpt-4o-mini', tools: [weather] }
const last = (messages: readonly unknown[]) => messages.at(-1) as AssistantThreadMessage

describe('tool calls answered by the app (addToolResult)', () => {
  it('a call without execute waits with status ready; the result continues the chat with a second request', async () => {
    const chat = createChat({ client: server.client(), request })
    await chat.send('weather in Paris and Tokyo')
    const waiting = last(chat.getSnapshot().messages)
    expect(chat.getSnapshot().status).toBe('ready')
    expect(waiting).toMatchObject({ state: 'complete', outcome: { type: 'tool_calls' } })
    expect(waiting.toolCalls).toMatchObject([
      { name: 'get_weather', input: { location: 'Paris' }, state: 'awaiting-result' },
      { name: 'get_weather', input: { location: 'Tokyo' }, state: 'awaiting-result' },
    ])
    const [paris, tokyo] = waiting.toolCalls
    chat.addToolResult({ toolCallId: paris?.id as string, result: '22 °C and sunny' })
    // One call is still open: nothing is sent yet.
    expect(server.emulator.requests).toHaveLength(1)
    chat.addToolResult({ toolCallId: tokyo?.id as string, result: { celsius: 18 } })
    const answered = await whenSnapshot(
      chat,
      (snapshot) => snapshot.status === 'ready' && last(snapshot.messages).content !== '',
    )
    expect(server.emulator.requests).toHaveLength(2)
    expect(answered.messages.map((message) => message.role)).toEqual(['user', 'assistant', 'assistant'])
    expect(last(answered.messages).content).toMatch(/^Here is what I found/)
    expect((answered.messages[1] as AssistantThreadMessage).toolCalls).toMatchObject([
      { state: 'done', result: '22 °C and sunny' },
      { state: 'done', result: { celsius: 18 } },
    ])
  })

  it('an error result is sent too, and the chat goes on', async () => {
    const chat = createChat({ client: server.client(), request })
    await chat.send('weather in Paris')
    const call = last(chat.getSnapshot().messages).toolCalls[0]
    chat.addToolResult({ toolCallId: call?.id as string, error: 'The weather service is down' })
    const answered = await whenSnapshot(
      chat,
      (snapshot) => snapshot.status === 'ready' && snapshot.messages.length === 3,
    )
    expect((answered.messages[1] as AssistantThreadMessage).toolCalls[0]).toMatchObject({
      state: 'failed',
      error: 'The weather service is down',
    })
  })

  it('an unknown call id, or a call already answered, throws and sends nothing', async () => {
    const chat = createChat({ client: server.client(), request })
    await chat.send('weather in Paris')
    expect(() => chat.addToolResult({ toolCallId: 'nope', result: 1 })).toThrow(RangeError)
    const call = last(chat.getSnapshot().messages).toolCalls[0]
    chat.addToolResult({ toolCallId: call?.id as string, result: 'sunny' })
    expect(() => chat.addToolResult({ toolCallId: call?.id as string, result: 'again' })).toThrow(
      /done, not awaiting/,
    )
    await whenSnapshot(chat, (snapshot) => snapshot.status === 'ready' && snapshot.messages.length === 3)
    expect(server.emulator.requests).toHaveLength(2)
  })

  it('sending a new message while a call waits cancels the call (answered with the reason) and sends', async () => {
    const chat = createChat({ client: server.client(), request })
    await chat.send('weather in Paris')
    await chat.send('Never mind, hello')
    const { messages, status } = chat.getSnapshot()
    expect(status).toBe('ready')
    expect(messages.map((message) => message.role)).toEqual(['user', 'assistant', 'user', 'assistant'])
    expect((messages[1] as AssistantThreadMessage).toolCalls[0]).toMatchObject({
      state: 'cancelled',
      error: 'The user sent a new message instead of answering this call',
    })
    expect(last(messages).content).toBe('You said: Never mind, hello')
    expect(() =>
      chat.addToolResult({
        toolCallId: (messages[1] as AssistantThreadMessage).toolCalls[0]?.id as string,
        result: 1,
      }),
    ).toThrow(/cancelled/)
  })

  it('maxSteps caps the replies in a row: with 1, a result does not continue', async () => {
    const chat = createChat({ client: server.client(), request, maxSteps: 1 })
    await chat.send('weather in Paris')
    const call = last(chat.getSnapshot().messages).toolCalls[0]
    chat.addToolResult({ toolCallId: call?.id as string, result: 'sunny' })
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(server.emulator.requests).toHaveLength(1)
    expect(chat.getSnapshot().status).toBe('ready')
  })

  it('a result added while another turn streams is recorded; the busy chat does not start a second stream', async () => {
    const chat = createChat({ client: server.client(), request })
    await chat.send('weather in Paris')
    const call = last(chat.getSnapshot().messages).toolCalls[0]
    chat.addToolResult({ toolCallId: call?.id as string, result: 'sunny' })
    await expect(chat.send('x')).rejects.toBeInstanceOf(ChatBusyError)
    await whenSnapshot(chat, (snapshot) => snapshot.status === 'ready' && snapshot.messages.length === 3)
    expect(server.emulator.requests).toHaveLength(2)
  })
})
