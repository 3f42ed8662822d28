import { createChat } from '@chatwire/core'
import { describe, expect, it } from 'vitest'
import { chatEmulator } from './chat-emulator.js'

const server = chatEmulator()

const request = { model: 'gpt-4o-mini' }

describe('bad input is rejected before anything changes', () => {
  it('send of an empty or blank message rejects with a RangeError; nothing is added or sent', async () => {
    const chat = createChat({ client: server.client(), request })
    const before = chat.getSnapshot()
    for (const content of ['', '   ', '\n\t ']) {
      await expect(chat.send(content)).rejects.toThrow(new RangeError('send: the message is empty'))
      await expect(chat.send({ content, id: 'u1' })).rejects.toThrow(RangeError)
    }
    expect(chat.getSnapshot()).toBe(before)
    expect(server.emulator.requests).toHaveLength(0)
    await chat.send('Hello')
    expect(chat.getSnapshot().messages.map((message) => message.content)).toEqual([
      'Hello',
      'You said: Hello',
    ])
  })

  it('edit to a blank message rejects with a RangeError and keeps the thread', async () => {
    const chat = createChat({ client: server.client(), request })
    await chat.send('Hello')
    const before = chat.getSnapshot()
    await expect(chat.edit(before.messages[0]?.id as string, ' ')).rejects.toThrow(
      new RangeError('edit: the message is empty'),
    )
    expect(chat.getSnapshot()).toBe(before)
    expect(server.emulator.requests).toHaveLength(1)
  })

  it('send with the id of a message already in the thread rejects with a RangeError, as an unknown id does', async () => {
    const chat = createChat({
      client: server.client(),
      request,
      messages: [{ role: 'system', content: 'Hi' }],
    })
    await chat.send({ content: 'one', id: 'x' })
    const before = chat.getSnapshot()
    await expect(chat.send({ content: 'two', id: 'x' })).rejects.toThrow(
      new RangeError('send: the id "x" is taken'),
    )
    await expect(chat.send({ content: 'two', id: 'init-0' })).rejects.toThrow(RangeError)
    await expect(chat.send({ content: 'two', id: before.messages[2]?.id })).rejects.toThrow(RangeError)
    expect(chat.getSnapshot()).toBe(before)
    expect(server.emulator.requests).toHaveLength(1)
    await chat.send({ content: 'two', id: 'y' })
    expect(
      chat
        .getSnapshot()
        .messages.map((message) => message.id)
        .slice(3),
    ).toEqual(['y', expect.any(String)])
  })
})
