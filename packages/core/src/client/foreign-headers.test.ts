import { memoryEndpoint } from '@chatwire/testkit'
import { describe, expect, it } from 'vitest'
import { MalformedStreamError } from '../errors.js'
import { createChatClient } from './create-chat-client.js'

/** Headers of another realm or of a polyfill: the same methods, not `instanceof` this realm's `Headers`. */
class ForeignHeaders {
  private readonly inner: Headers
  constructor(init: Record<string, string>) {
    this.inner = new Headers(init)
  }
  get(name: string) {
    return this.inner.get(name)
  }
  has(name: string) {
    return this.inner.has(name)
  }
  forEach(callback: (value: string, name: string) => void) {
    this.inner.forEach(callback)
  }
}

describe("an error on a reply whose headers are not this realm's Headers", () => {
  it('keeps them cleaned of credentials all the same', async () => {
    const client = createChatClient(memoryEndpoint(), {
      validate: false,
      fetch: async () => {
        const response = new Response('data: {not json\n\n', {
          headers: { 'content-type': 'text/event-stream' },
        })
        Object.defineProperty(response, 'headers', {
          value: new ForeignHeaders({
            'content-type': 'text/event-stream',
            'set-cookie': 'session=s3cr3t-cookie-value',
            'x-request-id': 'req-1',
          }),
        })
        return response
      },
    })
    const { outcome } = await client
      .stream({ model: 'm', messages: [{ role: 'user', content: 'Hi' }] })
      .final()
    const error = outcome.type === 'error' ? outcome.error : undefined
    expect(error).toBeInstanceOf(MalformedStreamError)
    expect(error?.headers?.get('set-cookie')).toBe('[redacted]')
    expect(error?.headers?.get('x-request-id')).toBe('req-1')
  })
})
