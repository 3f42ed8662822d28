import { webcrypto } from 'node:crypto'
import {
  type AssistantThreadMessage,
  type ChatMessage,
  createChat,
  type ThreadMessageInit,
  type ThreadToolCall,
} from '@chatwire/core'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { chatEmulator } from './chat-emulator.js'

const server = chatEmulator()
afterEach(() => {
  vi.unstubAllGlobals()
})

const request = { model: 'gpt-4o-mini' }

/** A thread saved while its turn ran: a reply whose call ran, then a reply still streaming with a call in it. */
const savedMidTurn: ThreadMessageInit[] = [
  { id: 'u1', role: 'user', content: 'weather in Paris' },
  {
    id: 'a1',
    role: 'assistant',
    content: '',
    state: 'complete',
    toolCalls: [
      { id: 'call_1', name: 'get_weather', arguments: '{"location":"Paris"}', input: {}, state: 'running' },
    ],
  },
  {
    id: 'a2',
    role: 'assistant',
    content: 'Let me also',
    state: 'streaming',
    toolCalls: [{ id: 'call_2', name: 'get_weather', arguments: '{"loc', input: {}, state: 'streaming' }],
  },
]

describe('a thread saved mid-turn is restored settled', () => {
  it.each([
    [
      'messages',
      (messages: ThreadMessageInit[]) => createChat({ client: server.client(), request, messages }),
    ],
    [
      'setMessages',
      (messages: ThreadMessageInit[]) => {
        const chat = createChat({ client: server.client(), request })
        chat.setMessages(messages)
        return chat
      },
    ],
  ])('through %s: a streaming reply is stopped, its running and streaming calls cancelled', (_, restore) => {
    const chat = restore(savedMidTurn)
    const [, ran, streaming] = chat.getSnapshot().messages as AssistantThreadMessage[]
    expect(ran?.state).toBe('complete')
    expect(ran?.toolCalls).toMatchObject([{ state: 'cancelled', error: 'The chat was stopped' }])
    expect(streaming?.state).toBe('stopped')
    expect(streaming?.toolCalls).toMatchObject([{ state: 'cancelled', error: 'The chat was stopped' }])
    expect(chat.getSnapshot().status).toBe('ready')
  })

  it('the next turn answers the interrupted calls as a stop would have', async () => {
    const sent: ChatMessage[][] = []
    const chat = createChat({ client: server.recordingClient(sent), request, messages: savedMidTurn })
    await chat.send('Hello')
    const tools = sent[0]?.filter((message) => message.role === 'tool')
    expect(tools).toEqual([
      { role: 'tool', tool_call_id: 'call_1', content: '{"error":"The chat was stopped"}' },
      { role: 'tool', tool_call_id: 'call_2', content: '{"error":"The chat was stopped"}' },
    ])
    expect(chat.getSnapshot().messages.at(-1)).toMatchObject({
      state: 'complete',
      content: 'You said: Hello',
    })
  })

  it('messages that ended keep their state and identity', () => {
    const chat = createChat({ client: server.client(), request })
    const toolCalls: ThreadToolCall[] = [
      { id: 'call_1', name: 'get_weather', arguments: '{}', input: {}, state: 'done', result: 'sunny' },
      { id: 'call_2', name: 'get_weather', arguments: '{}', input: {}, state: 'awaiting-result' },
    ]
    chat.setMessages([
      { id: 'u1', role: 'user', content: 'weather in Paris' },
      { id: 'a1', role: 'assistant', content: '', toolCalls },
    ])
    const restored = chat.getSnapshot().messages[1] as AssistantThreadMessage
    expect(restored).toMatchObject({ state: 'complete', toolCalls })
    expect(restored.toolCalls).toBe(toolCalls)
  })
})

describe('default ids', () => {
  it('without crypto.randomUUID (a page served over plain http), ids are RFC 4122 v4 UUIDs all the same', async () => {
    vi.stubGlobal('crypto', { getRandomValues: webcrypto.getRandomValues.bind(webcrypto) })
    expect(globalThis.crypto.randomUUID).toBeUndefined()
    const chat = createChat({ client: server.client(), request })
    await chat.send('Hello')
    await chat.send('again')
    const ids = [chat.id, ...chat.getSnapshot().messages.map((message) => message.id)]
    expect(ids).toHaveLength(5)
    for (const id of ids)
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    expect(new Set(ids).size).toBe(5)
  })
})
