import {
  type AssistantThreadMessage,
  ChatBusyError,
  ConnectionError,
  createChat,
  IncompleteStreamError,
  ServerError,
} from '@chatwire/core'
import { describe, expect, it } from 'vitest'
import { chatEmulator, recordSnapshots, untilClosed, whenSnapshot } from './chat-emulator.js'

const server = chatEmulator()

const request = { model: 'gpt-4o-mini' }
const fault = (spec: string) => ({ callOptions: { headers: { 'x-emulator-fault': spec } } })
const reply = (message: unknown) => message as AssistantThreadMessage

describe('a turn: send, stream, finish', () => {
  it('goes ready → submitted → streaming → ready and ends with the whole reply', async () => {
    const chat = createChat({ client: server.client(), request, throttle: 0 })
    const snapshots = recordSnapshots(chat)
    await chat.send('Hello there')
    const statuses = snapshots.map((snapshot) => snapshot.status).filter((s, i, all) => s !== all[i - 1])
    expect(statuses).toEqual(['submitted', 'streaming', 'ready'])
    const { messages, status, error } = chat.getSnapshot()
    expect([status, error]).toEqual(['ready', undefined])
    expect(messages).toMatchObject([
      { role: 'user', content: 'Hello there' },
      { role: 'assistant', content: 'You said: Hello there', state: 'complete', outcome: { type: 'stop' } },
    ])
    expect(new Set(messages.map((message) => message.id)).size).toBe(2)
    expect(server.emulator.requests).toHaveLength(1)
  })

  it('keeps every id stable from the first delta to the end, and sends the thread so far', async () => {
    const chat = createChat({
      client: server.client(),
      request,
      throttle: 0,
      messages: [{ role: 'system', content: 'Be brief' }],
    })
    const snapshots = recordSnapshots(chat)
    await chat.send({ id: 'u1', content: 'one two three' })
    await chat.send('four five')
    const ids = new Set(snapshots.flatMap((snapshot) => snapshot.messages.map((message) => message.id)))
    expect(ids.size).toBe(5)
    expect(
      chat
        .getSnapshot()
        .messages.map((message) => message.id)
        .slice(0, 2),
    ).toEqual(['init-0', 'u1'])
    expect(chat.getSnapshot().messages[4]?.content).toBe('You said: four five')
  })

  it('holds no connection once the reply ended', async () => {
    const chat = createChat({ client: server.client(), request })
    await chat.send('count to 50')
    await untilClosed(server, 1)
    expect(server.closed[0]).toMatch(/^200 POST \/v1\/chat\/completions .*stream/)
  })
})

describe('stop', () => {
  it('keeps what streamed, marks the reply stopped, status ready, no error, and cuts the connection', async () => {
    const chat = createChat({ client: server.client(), request, ...fault('slow;ms=30') })
    const done = chat.send('count to 200')
    await whenSnapshot(chat, (snapshot) => (snapshot.messages[1]?.content.length ?? 0) > 0)
    chat.stop()
    const { messages, status, error } = chat.getSnapshot()
    expect([status, error]).toEqual(['ready', undefined])
    expect(messages[1]).toMatchObject({ role: 'assistant', state: 'stopped' })
    expect('1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11'.startsWith(messages[1]?.content ?? 'x')).toBe(true)
    await done
    // 200 chunks 30 ms apart would take 6 s: the log closes at once only because the client cut it.
    await untilClosed(server, 1)
    expect(chat.getSnapshot().messages).toBe(messages)
  })

  it('lets the next send start at once after a stop', async () => {
    const chat = createChat({ client: server.client(), request, ...fault('slow;ms=30') })
    void chat.send('count to 200')
    await whenSnapshot(chat, (snapshot) => snapshot.status === 'streaming')
    chat.stop()
    chat.setOptions({ callOptions: {} })
    await chat.send('Hello again')
    expect(chat.getSnapshot().messages.map((message) => message.role)).toEqual([
      'user',
      'assistant',
      'user',
      'assistant',
    ])
    expect(chat.getSnapshot().messages[3]?.content).toBe('You said: Hello again')
  })
})

describe('errors keep what arrived', () => {
  it('a connection cut mid-stream: the partial reply stays, flagged incomplete, with a ConnectionError', async () => {
    const errors: unknown[] = []
    const chat = createChat({
      client: server.client(),
      request,
      ...fault('reset_mid_stream;after=4'),
      onError: (e) => errors.push(e),
    })
    await chat.send('one two three four five six seven')
    const { messages, status, error } = chat.getSnapshot()
    expect(status).toBe('error')
    expect(error).toBeInstanceOf(ConnectionError)
    expect(errors).toEqual([error])
    expect(messages[0]).toMatchObject({ role: 'user', content: 'one two three four five six seven' })
    const partial = reply(messages[1])
    expect(partial).toMatchObject({ state: 'incomplete', outcome: { type: 'error', error } })
    expect(partial.content.length).toBeGreaterThan(0)
    expect('You said: one two three four five six seven'.startsWith(partial.content)).toBe(true)
  })

  it('a stream cut without [DONE]: incomplete, with an IncompleteStreamError', async () => {
    const chat = createChat({ client: server.client(), request, ...fault('cut;after=3') })
    await chat.send('one two three four five six')
    expect(chat.getSnapshot().error).toBeInstanceOf(IncompleteStreamError)
    expect(chat.getSnapshot().messages[1]).toMatchObject({
      state: 'incomplete',
      outcome: { type: 'incomplete' },
    })
  })

  it('a failure before any content keeps the user message and adds no reply', async () => {
    const chat = createChat({ client: server.client(), request, ...fault('server_error') })
    await chat.send('Hello there')
    const { messages, status, error } = chat.getSnapshot()
    expect([status, error?.constructor]).toEqual(['error', ServerError])
    expect(messages).toEqual([{ id: expect.any(String), role: 'user', content: 'Hello there' }])
  })

  it('regenerate after a failure before content: one user message, one reply, error cleared', async () => {
    const chat = createChat({ client: server.client(), request, ...fault('server_error') })
    await chat.send('Hello there')
    chat.setOptions({ callOptions: {} })
    await chat.regenerate()
    const { messages, status, error } = chat.getSnapshot()
    expect([status, error]).toEqual(['ready', undefined])
    expect(messages.map((message) => [message.role, message.content])).toEqual([
      ['user', 'Hello there'],
      ['assistant', 'You said: Hello there'],
    ])
  })

  it('regenerate after a partial reply replaces it: the user message keeps its id, no duplicate', async () => {
    const chat = createChat({ client: server.client(), request, ...fault('reset_mid_stream;after=4') })
    await chat.send('one two three four five six seven')
    const [user, partial] = chat.getSnapshot().messages
    chat.setOptions({ callOptions: {} })
    await chat.regenerate(partial?.id)
    const { messages, status } = chat.getSnapshot()
    expect(status).toBe('ready')
    expect(messages).toHaveLength(2)
    expect(messages[0]).toBe(user)
    expect(messages[1]).toMatchObject({
      state: 'complete',
      content: 'You said: one two three four five six seven',
    })
    expect(messages[1]?.id).not.toBe(partial?.id)
  })

  it('the next send clears the error and keeps the failed turn', async () => {
    const chat = createChat({ client: server.client(), request, ...fault('server_error') })
    await chat.send('first')
    chat.setOptions({ callOptions: {} })
    await chat.send('second')
    const { messages, status, error } = chat.getSnapshot()
    expect([status, error]).toEqual(['ready', undefined])
    expect(messages.map((message) => message.content)).toEqual(['first', 'second', 'You said: second'])
  })

  it('clearError goes back to ready and keeps the messages', async () => {
    const chat = createChat({ client: server.client(), request, ...fault('server_error') })
    await chat.send('first')
    const { messages } = chat.getSnapshot()
    chat.clearError()
    expect(chat.getSnapshot()).toEqual({ messages, status: 'ready', error: undefined })
  })
})

describe('regenerate and edit', () => {
  it('regenerate() resends the last user message: same user message, a new reply', async () => {
    const chat = createChat({ client: server.client(), request })
    await chat.send('Hello there')
    const [user, first] = chat.getSnapshot().messages
    await chat.regenerate()
    const { messages } = chat.getSnapshot()
    expect(messages).toHaveLength(2)
    expect(messages[0]).toBe(user)
    expect(messages[1]).toMatchObject({ role: 'assistant', content: 'You said: Hello there' })
    expect(messages[1]?.id).not.toBe(first?.id)
    expect(server.emulator.requests).toHaveLength(2)
  })

  it('regenerate(id) of an earlier reply drops everything after its user message', async () => {
    const chat = createChat({ client: server.client(), request })
    await chat.send('first')
    await chat.send('second')
    await chat.regenerate(chat.getSnapshot().messages[1]?.id)
    expect(chat.getSnapshot().messages.map((message) => message.content)).toEqual([
      'first',
      'You said: first',
    ])
  })

  it('edit(id, content) replaces the user message in place and resends from there', async () => {
    const chat = createChat({ client: server.client(), request })
    await chat.send('first')
    await chat.send('second')
    const firstId = chat.getSnapshot().messages[0]?.id as string
    await chat.edit(firstId, 'first, edited')
    const { messages } = chat.getSnapshot()
    expect(messages.map((message) => message.content)).toEqual(['first, edited', 'You said: first, edited'])
    expect(messages[0]?.id).toBe(firstId)
  })

  it('edit of a reply, or of an unknown id, throws and changes nothing', async () => {
    const chat = createChat({ client: server.client(), request })
    await chat.send('first')
    const before = chat.getSnapshot()
    await expect(chat.edit(before.messages[1]?.id as string, 'x')).rejects.toThrow(/not a user message/)
    await expect(chat.regenerate('nope')).rejects.toThrow(RangeError)
    expect(chat.getSnapshot()).toBe(before)
    await chat.send('still works')
    expect(chat.getSnapshot().messages).toHaveLength(4)
  })
})

describe('busy policy: a turn at a time, the rest rejected with ChatBusyError', () => {
  it('two sends in the same tick: the second rejects and adds nothing; one request, one reply', async () => {
    const chat = createChat({ client: server.client(), request })
    const first = chat.send('first')
    const second = chat.send('second')
    await expect(second).rejects.toBeInstanceOf(ChatBusyError)
    await first
    expect(chat.getSnapshot().messages.map((message) => message.content)).toEqual([
      'first',
      'You said: first',
    ])
    expect(server.emulator.requests).toHaveLength(1)
  })

  it('regenerate claims the chat at once: a send in the same tick is rejected, the regenerate runs', async () => {
    const chat = createChat({ client: server.client(), request })
    await chat.send('first')
    server.emulator.reset()
    const regenerating = chat.regenerate()
    expect(chat.getSnapshot().status).toBe('submitted')
    await expect(chat.send('second')).rejects.toBeInstanceOf(ChatBusyError)
    await regenerating
    expect(chat.getSnapshot().messages.map((message) => message.content)).toEqual([
      'first',
      'You said: first',
    ])
    expect(server.emulator.requests).toHaveLength(1)
  })

  it('send, regenerate, edit and setMessages while streaming are rejected; the reply goes on untouched', async () => {
    const chat = createChat({ client: server.client(), request, ...fault('slow;ms=5') })
    const turn = chat.send('count to 20')
    await whenSnapshot(chat, (snapshot) => snapshot.status === 'streaming')
    await expect(chat.send('again')).rejects.toBeInstanceOf(ChatBusyError)
    await expect(chat.regenerate()).rejects.toBeInstanceOf(ChatBusyError)
    await expect(chat.edit(chat.getSnapshot().messages[0]?.id as string, 'x')).rejects.toBeInstanceOf(
      ChatBusyError,
    )
    expect(() => chat.setMessages([])).toThrow(ChatBusyError)
    await turn
    const numbers = Array.from({ length: 20 }, (_, i) => i + 1).join(', ')
    expect(chat.getSnapshot().messages.map((message) => message.content)).toEqual([
      'count to 20',
      `${numbers}.`,
    ])
    expect(server.emulator.requests).toHaveLength(1)
  })
})

describe('setMessages', () => {
  it('replaces the thread between turns, giving ids to messages without one', async () => {
    const chat = createChat({ client: server.client(), request })
    chat.setMessages([
      { role: 'user', content: 'restored' },
      { role: 'assistant', content: 'You said: restored' },
    ])
    const { messages } = chat.getSnapshot()
    expect(messages).toMatchObject([
      { role: 'user' },
      { role: 'assistant', state: 'complete', toolCalls: [] },
    ])
    expect(messages.every((message) => message.id.length > 0)).toBe(true)
    await chat.send('next')
    expect(chat.getSnapshot().messages.slice(0, 2)).toEqual(messages)
  })
})
