import { countedFetch, memoryEndpoint } from '@chatwire/testkit'
import { describe, expect, it, vi } from 'vitest'
import { createChatClient } from './create-chat-client.js'

// The retry path is a lazy chunk of an app's bundle, which a slow network loads late.
vi.mock('./retry-wait.js', async (importOriginal) => {
  await new Promise((resolve) => setTimeout(resolve, 600))
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
    // The first call succeeds: the code that reads a reply is loaded then, not within a 200 ms attempt.
    const service = countedFetch((call) => {
      if (call === 2 || call === 3) throw new TypeError('fetch failed')
      return new Response(JSON.stringify(COMPLETION), { headers: { 'content-type': 'application/json' } })
    })
    const client = createChatClient(memoryEndpoint(), { validate: false, timeout: 200, fetch: service.fetch })
    const request = { model: 'm', messages: [{ role: 'user' as const, content: 'Hi' }] }
    await client.complete(request, { timeout: 60_000 })
    const { text } = await client.complete(request)
    expect(text).toBe('Hello')
    expect(service.calls).toBe(4)
  })
})
