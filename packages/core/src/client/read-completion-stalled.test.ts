import { rejection } from '@chatwire/testkit'
import { describe, expect, it, vi } from 'vitest'
import { AbortError } from '../errors.js'
import { createChatClient } from './create-chat-client.js'

// complete()'s reading of a reply is a lazy chunk of an app's bundle, whose load may never end (a stalled network).
vi.mock('./read-completion.js', () => new Promise(() => {}))

const request = { model: 'm', messages: [{ role: 'user' as const, content: 'Hi' }] }

function client() {
  let cancelled = 0
  let began: () => void = () => {}
  // Once the body's first piece is read, the client goes on to load the code that reads the rest.
  const bodyBegan = new Promise<void>((resolve) => {
    began = resolve
  })
  const chat = createChatClient(
    { name: 'memory', prepare: (body) => ({ url: 'http://memory.invalid/', headers: {}, body }) },
    {
      validate: false,
      maxRetries: 0,
      fetch: async () => {
        const body = new ReadableStream<Uint8Array>({
          pull(controller) {
            controller.enqueue(new TextEncoder().encode('{"choices":'))
            began()
          },
          cancel: () => void cancelled++,
        })
        return new Response(body, { headers: { 'content-type': 'application/json' } })
      },
    },
  )
  return { chat, bodyBegan, cancelled: () => cancelled }
}

describe('a complete() whose reading code never loads', () => {
  it('still ends on an abort (or a timeout, which aborts the same signal), with the AbortError, the reply freed', async () => {
    const { chat, bodyBegan, cancelled } = client()
    const controller = new AbortController()
    const pending = chat.complete(request, { signal: controller.signal })
    await bodyBegan
    // The queued turns run out: complete() now waits for the load.
    await new Promise((resolve) => setTimeout(resolve, 0))
    controller.abort('stop')
    const error = await rejection<AbortError>(pending)
    expect(error).toBeInstanceOf(AbortError)
    expect(error.reason).toBe('stop')
    expect(cancelled()).toBe(1)
  })
})
