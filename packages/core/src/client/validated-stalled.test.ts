import { describe, expect, it, vi } from 'vitest'
import { AbortError } from '../errors.js'
import { createChatClient } from './create-chat-client.js'

// Request validation (valibot and the schemas) is a lazy chunk of an app's bundle, whose load may never end.
const loading = await vi.hoisted(async () => (await import('@chatwire/testkit')).stalledLoad())
vi.mock('../validate-request.js', () => loading.load())

describe('a call whose validation code never loads', () => {
  it('still ends on an abort, with the AbortError, nothing sent', async () => {
    let requests = 0
    const client = createChatClient(
      { name: 'memory', prepare: (body) => ({ url: 'http://memory.invalid/', headers: {}, body }) },
      {
        fetch: async () => {
          requests++
          return new Response('{}')
        },
      },
    )
    const error = await loading.abortDuring<AbortError>((signal) =>
      client.complete({ model: 'm', messages: [{ role: 'user', content: 'Hi' }] }, { signal }),
    )
    expect(error).toBeInstanceOf(AbortError)
    expect(requests).toBe(0)
  })
})
