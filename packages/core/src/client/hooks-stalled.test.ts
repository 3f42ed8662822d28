import { countedFetch, memoryEndpoint } from '@chatwire/testkit'
import { describe, expect, it, vi } from 'vitest'
import { AbortError } from '../errors.js'
import { createChatClient } from './create-chat-client.js'

// The hooks' code is a lazy chunk of an app's bundle, whose load may never end (a stalled network).
const loading = await vi.hoisted(async () => (await import('@chatwire/testkit')).stalledLoad())
vi.mock('./hooks.js', () => loading.load())

const request = { model: 'm', messages: [{ role: 'user' as const, content: 'Hi' }] }

describe('hooks whose code never loads', () => {
  it('leave an abort in charge (a timeout aborts the same signal): the call ends with the AbortError, nothing sent', async () => {
    const service = countedFetch(() => new Response('{}'))
    const heard: unknown[] = []
    const client = createChatClient(memoryEndpoint(), {
      validate: false,
      maxRetries: 0,
      onRequest: (event) => heard.push(event),
      fetch: service.fetch,
    })
    const error = await loading.abortDuring<AbortError>((signal) => client.complete(request, { signal }))
    expect(error).toBeInstanceOf(AbortError)
    expect(error.reason).toBe('stop')
    expect({ heard, requests: service.calls }).toEqual({ heard: [], requests: 0 })
  })
})
