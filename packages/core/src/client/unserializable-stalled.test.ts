import { rejection } from '@chatwire/testkit'
import { describe, expect, it, vi } from 'vitest'
import { AbortError } from '../errors.js'
import { createChatClient } from './create-chat-client.js'

// The search for an unserialisable field is a lazy chunk of an app's bundle, whose load may never end.
const loading = vi.hoisted(() => {
  let reached = () => {}
  const started = new Promise<void>((resolve) => {
    reached = resolve
  })
  return { started, reached: () => reached() }
})
vi.mock('./unserializable.js', () => {
  loading.reached()
  return new Promise(() => {})
})

describe('a body that cannot be serialised, whose describing code never loads', () => {
  it('still ends on an abort, with the AbortError, nothing sent', async () => {
    let requests = 0
    const client = createChatClient(
      {
        name: 'memory',
        prepare: (request) => ({ url: 'http://memory.invalid/', headers: {}, body: { ...request, n: 1n } }),
      },
      {
        validate: false,
        fetch: async () => {
          requests++
          return new Response('{}')
        },
      },
    )
    const controller = new AbortController()
    const pending = client.complete(
      { model: 'm', messages: [{ role: 'user', content: 'Hi' }] },
      { signal: controller.signal },
    )
    await loading.started
    controller.abort('stop')
    const error = await rejection<AbortError>(pending)
    expect(error).toBeInstanceOf(AbortError)
    expect(requests).toBe(0)
  })
})
