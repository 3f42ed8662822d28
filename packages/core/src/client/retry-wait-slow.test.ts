import { countedFetch, memoryEndpoint } from '@chatwire/testkit'
import { describe, expect, it, vi } from 'vitest'
import { createChatClient } from './create-chat-client.js'

// The retry path is a lazy chunk of an app's bundle, which a slow network loads late.
vi.mock('./retry-wait.js', async (importOriginal) => {
  await new Promise((resolve) => setTimeout(resolve, 300))
  return importOriginal()
})

const COMPLETION = {
  id: 'c',
  object: 'chat.completion',
  created: 1,
  model: 'm',
  choices: [{ index: 0, message: { role: 'assistant', content: 'Hello' }, finish_reason: 'stop' }],
}

describe('a failure that may be retried, whose retry code loads slower than the timeout', () => {
  it('is retried: a slow load is not a stalled one', async () => {
    const service = countedFetch((call) => {
      if (call < 3) throw new TypeError('fetch failed')
      return new Response(JSON.stringify(COMPLETION), { headers: { 'content-type': 'application/json' } })
    })
    const client = createChatClient(memoryEndpoint(), { validate: false, timeout: 100, fetch: service.fetch })
    const { text } = await client.complete({ model: 'm', messages: [{ role: 'user', content: 'Hi' }] })
    expect(text).toBe('Hello')
    expect(service.calls).toBe(3)
  })
})
