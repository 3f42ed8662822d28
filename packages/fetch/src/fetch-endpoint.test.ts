import { inspect } from 'node:util'
import { afterEach, describe, expect, it } from 'vitest'
import { createFetchEndpoint } from './fetch-endpoint.js'

const request = { model: 'gpt-4o-mini', messages: [{ role: 'user' as const, content: 'Hi' }] }
const context = (stream = true) => ({ stream, signal: new AbortController().signal })

describe('createFetchEndpoint', () => {
  it('posts the request as it is to the URL, with the given headers', async () => {
    const endpoint = createFetchEndpoint({
      url: 'https://app.example/api/chat',
      headers: { 'X-Session': 'abc' },
    })
    expect(endpoint.name).toBe('fetch')
    expect(await endpoint.prepare(request, context())).toEqual({
      url: 'https://app.example/api/chat',
      headers: { 'x-session': 'abc' },
      body: request,
    })
  })

  it('computes the URL, headers and body per attempt from the request', async () => {
    let attempts = 0
    const endpoint = createFetchEndpoint({
      name: 'my-backend',
      url: (chat) => `https://app.example/api/chat/${chat.model}`,
      headers: async (_chat, { stream }) => ({
        authorization: `Bearer session-${++attempts}`,
        'x-stream': String(stream),
      }),
      body: (chat, { stream }) => ({ conversationId: 'c1', messages: chat.messages, stream }),
    })
    const first = await endpoint.prepare(request, context())
    expect(first).toEqual({
      url: 'https://app.example/api/chat/gpt-4o-mini',
      headers: { authorization: 'Bearer session-1', 'x-stream': 'true' },
      body: { conversationId: 'c1', messages: request.messages, stream: true },
    })
    await endpoint.prepare(request, context(false))
    expect(endpoint.name).toBe('my-backend')
    // Computed per attempt: the client redacts them from that call's errors (core's call context), not the endpoint.
    expect(endpoint.secrets?.()).toEqual([])
  })

  it('reports credentials among its headers as secrets, and holds them only in its closure', () => {
    const endpoint = createFetchEndpoint({
      url: 'https://gateway.example/v1/chat/completions',
      headers: { 'x-api-key': 'gw-0123456789abcdef', 'x-team': 'a' },
    })
    expect(endpoint.secrets?.()).toEqual(['gw-0123456789abcdef'])
    expect(JSON.stringify(endpoint)).not.toContain('gw-0123')
    expect(inspect(endpoint, { depth: 10, showHidden: true })).not.toContain('gw-0123')
  })

  it('rejects CR or LF in a header value at construction, without the value', () => {
    const build = () =>
      createFetchEndpoint({ url: 'https://a.example', headers: { authorization: 'Bearer t\r\nx-evil: 1' } })
    expect(build).toThrow(/line break/)
    expect(build).not.toThrow(/evil/)
  })

  it('refuses URLs that are not http(s) or hold credentials', () => {
    expect(() => createFetchEndpoint({ url: 'file:///etc/passwd' })).toThrow(/http or https/)
    expect(() => createFetchEndpoint({ url: 'https://user:pw@a.example/x' })).toThrow(/user name or password/)
  })
})

describe('createFetchEndpoint with a path', () => {
  const scope = globalThis as { location?: unknown }
  afterEach(() => {
    delete scope.location
  })

  it('resolves a path against the page when sent, and explains the missing page on a server', async () => {
    const endpoint = createFetchEndpoint({ url: '/api/chat' })
    await expect(endpoint.prepare(request, context())).rejects.toThrow(
      /outside a browser, give the whole URL/,
    )
    scope.location = { href: 'https://app.example/chat/42' }
    expect((await endpoint.prepare(request, context())).url).toBe('https://app.example/api/chat')
  })
})
