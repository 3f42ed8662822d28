import { countedFetch, memoryEndpoint, rejection } from '@chatwire/testkit'
import { describe, expect, it, vi } from 'vitest'
import { ConnectionError } from '../errors.js'
import { createChatClient } from './create-chat-client.js'

// The retry path is a lazy chunk of an app's bundle, whose load may never end (a stalled network). A failure
// that is never retried must not wait for it.
vi.mock('./retry-wait.js', () => new Promise(() => {}))

describe('a failure after a 2xx reply began, whose retry code never loads', () => {
  it('is thrown at once (it is never retried), with no signal and no timer to end a wait', async () => {
    const service = countedFetch(() => {
      const body = new ReadableStream({
        pull: (controller) => controller.error(new TypeError('socket reset')),
      })
      return new Response(body, { headers: { 'content-type': 'application/json' } })
    })
    const client = createChatClient(memoryEndpoint(), { validate: false, fetch: service.fetch })
    const error = await rejection<ConnectionError>(
      client.complete({ model: 'm', messages: [{ role: 'user', content: 'Hi' }] }),
    )
    expect(error).toBeInstanceOf(ConnectionError)
    expect(error.message).toBe('The connection was lost while reading the reply')
    expect(service.calls).toBe(1)
  })
})
