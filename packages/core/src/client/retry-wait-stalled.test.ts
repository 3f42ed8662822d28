import { rejection } from '@chatwire/testkit'
import { describe, expect, it, vi } from 'vitest'
import { AbortError } from '../errors.js'
import { createChatClient } from './create-chat-client.js'

// The retry path is a lazy chunk of an app's bundle, whose load may never end (a stalled network).
const loading = vi.hoisted(() => {
  let reached = () => {}
  const started = new Promise<void>((resolve) => {
    reached = resolve
  })
  return { started, reached: () => reached() }
})
vi.mock('./retry-wait.js', () => {
  loading.reached()
  return new Promise(() => {})
})

describe('a failure whose retry code never loads', () => {
  it('still ends on an abort, with the AbortError', async () => {
    const client = createChatClient(
      { name: 'memory', prepare: (body) => ({ url: 'http://memory.invalid/', headers: {}, body }) },
      {
        validate: false,
        fetch: async () => {
          throw new TypeError('fetch failed')
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
    expect(error.reason).toBe('stop')
  })
})
