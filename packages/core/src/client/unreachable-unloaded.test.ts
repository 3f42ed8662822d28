import { rejection } from '@chatwire/testkit'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { ChatError } from '../errors.js'
import { createChatClient } from './create-chat-client.js'

// The code that describes a request that did not go out is a lazy chunk of an app's bundle, which may fail to
// load (a new deploy, the network gone).
vi.mock('./unreachable.js', () => {
  throw new TypeError('Failed to fetch dynamically imported module')
})

const KEY = 'sk-unsent-unloaded-0123456789'
const request = { model: 'm', messages: [{ role: 'user' as const, content: 'Hi' }] }

afterEach(() => {
  vi.unstubAllGlobals()
})

describe('a request that does not go out, whose describing code does not load', () => {
  it('fails with a ChatError that keeps the words of the prepare that threw, redacted', async () => {
    const cause = new Error(`token store locked for ${KEY}`)
    const client = createChatClient(
      {
        name: 'memory',
        prepare: () => {
          throw cause
        },
        secrets: () => [KEY],
      },
      { validate: false },
    )
    const error = await rejection<ChatError>(client.complete(request))
    expect(error.constructor).toBe(ChatError)
    expect(error.message).toBe('The memory request failed unexpectedly: token store locked for [redacted]')
    expect((error.cause as Error).message).toBe('token store locked for [redacted]')
  })

  it('fails with a ChatError, not a hang, when the runtime has no fetch', async () => {
    vi.stubGlobal('fetch', undefined)
    const client = createChatClient(
      { name: 'memory', prepare: () => ({ url: 'http://127.0.0.1:9/', headers: {}, body: request }) },
      { validate: false },
    )
    const { outcome } = await client.stream(request).final()
    expect(outcome.type === 'error' && outcome.error).toBeInstanceOf(ChatError)
    // The message goes on with the loader's words (vitest's here, the browser's in an app).
    expect(outcome.type === 'error' && outcome.error.message).toMatch(
      /^The memory request failed unexpectedly: /,
    )
  })
})
