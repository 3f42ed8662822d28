import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { inspect } from 'node:util'
import {
  AuthenticationError,
  type ChatEndpoint,
  type ChatError,
  type ChatRequest,
  ConnectionError,
  createChatClient,
  type FetchFunction,
  InvalidRequestError,
} from '@chatwire/core'
import { type Emulator, startEmulator } from '@chatwire/emulator'
import { rejection } from '@chatwire/testkit'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'

/** A key no pattern of `redactSecrets` knows: only the endpoint's `secrets()` can catch it. */
const KEY = 'zq7-plain-credential'

let emulator: Emulator
/** A tiny server of the test's own: it answers what each test asks for `handler` to answer. */
let server: Server
let serverURL: string
let handler: (request: IncomingMessage, body: string, response: ServerResponse) => void
const received: { path: string; authorization: string | undefined; body: string }[] = []

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, tokenDelayMs: 0 })
  server = createServer((request, response) => {
    let body = ''
    request.on('data', (piece: Buffer) => {
      body += piece.toString()
    })
    request.on('end', () => {
      received.push({ path: request.url ?? '', authorization: request.headers.authorization, body })
      handler(request, body, response)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  serverURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(async () => {
  await emulator.close()
  server.closeAllConnections()
  await new Promise((resolve) => server.close(resolve))
})
beforeEach(() => {
  emulator.reset()
  received.length = 0
})

function endpoint(url: () => string, toError?: ChatEndpoint['toError']): ChatEndpoint {
  return {
    name: 'test',
    prepare: (request) => ({ url: url(), headers: { authorization: `Bearer ${KEY}` }, body: request }),
    secrets: () => [KEY],
    ...(toError === undefined ? {} : { toError }),
  }
}
const toEmulator = () => endpoint(() => `${emulator.url}/v1/chat/completions`)
const toServer = (path = '/v1/chat/completions') => endpoint(() => `${serverURL}${path}`)

const hello: ChatRequest = { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }] }
const completion = {
  id: 'c1',
  object: 'chat.completion',
  created: 1,
  model: 'm',
  choices: [{ index: 0, message: { role: 'assistant', content: 'ok' }, finish_reason: 'stop' }],
}

function countingFetch(): FetchFunction & { calls: number } {
  const fetch = Object.assign(
    (url: string, init: RequestInit) => {
      fetch.calls++
      return globalThis.fetch(url, init)
    },
    { calls: 0 },
  )
  return fetch
}

/** Everything a log could show of an error: its JSON, its deep inspection (cause included), its stack. */
const everything = (value: unknown) =>
  `${JSON.stringify(value)} ${inspect(value, { depth: Number.POSITIVE_INFINITY, showHidden: true })} ${(value as Error).stack}`

describe('headers with CR or LF are refused before anything is sent', () => {
  it('in the client options: createChatClient throws', () => {
    expect(() => createChatClient(toEmulator(), { headers: { 'x-trace': 'a\r\nx-evil: 1' } })).toThrow(
      InvalidRequestError,
    )
  })

  it.each([
    ['a CRLF in a value', { 'x-trace': `a\r\nx-evil: ${KEY}` }],
    ['a lone LF at the end (a key read with its newline)', { 'api-key': `${KEY}\n` }],
    ['a CR in a name', { 'x-a\rb': 'value' }],
  ])('in a call: %s', async (_name, headers) => {
    const fetch = countingFetch()
    const error = await rejection<ChatError>(
      createChatClient(toEmulator(), { fetch }).complete(hello, { headers }),
    )
    expect(error).toBeInstanceOf(InvalidRequestError)
    expect(error.message).toMatch(/^Invalid header: headers/)
    expect(everything(error)).not.toContain(KEY)
    expect(fetch.calls).toBe(0)
  })

  it("in the endpoint's own headers, without quoting the key", async () => {
    const leaky: ChatEndpoint = {
      name: 'leaky',
      prepare: (request) => ({
        url: `${emulator.url}/v1/chat/completions`,
        headers: { authorization: `Bearer ${KEY}\r\n` },
        body: request,
      }),
    }
    const error = await rejection<ChatError>(createChatClient(leaky).complete(hello))
    expect(error).toMatchObject({ name: 'InvalidRequestError', path: 'leaky headers["authorization"]' })
    expect(everything(error)).not.toContain(KEY)
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(emulator.requests).toHaveLength(0)
  })
})

describe('no credential in errors or in the client', () => {
  it('redacts a key the service echoes in its error message', async () => {
    handler = (request, _body, response) => {
      response.writeHead(401, { 'content-type': 'application/json' })
      response.end(
        JSON.stringify({
          error: { message: `Key ${request.headers.authorization} is not valid`, code: 'invalid_api_key' },
        }),
      )
    }
    const error = await rejection<ChatError>(createChatClient(toServer()).complete(hello))
    expect(error).toBeInstanceOf(AuthenticationError)
    // The known key goes first, before any pattern: the whole header value is one secret.
    expect(error.message).toBe('401 Unauthorized: Key [redacted] is not valid')
    expect(everything(error)).not.toContain(KEY)
    expect(received[0]?.authorization).toBe(`Bearer ${KEY}`)
  })

  it("redacts the endpoint's own toError message, and fills in the reply's status and headers", async () => {
    handler = (_request, _body, response) => {
      response.writeHead(403, { 'apim-request-id': 'req-42' })
      response.end()
    }
    const custom = endpoint(
      () => `${serverURL}/v1/chat/completions`,
      () => new AuthenticationError(`denied for ${KEY}`),
    )
    const error = await rejection<ChatError>(createChatClient(custom).complete(hello))
    expect(error).toMatchObject({
      name: 'AuthenticationError',
      message: 'denied for [redacted]',
      status: 403,
      requestId: 'req-42',
    })
    expect((error as ChatError).headers?.get('apim-request-id')).toBe('req-42')
    expect(everything(error)).not.toContain(KEY)
  })

  it('redacts credentials given as call headers, too', async () => {
    handler = (request, _body, response) => {
      response.writeHead(400, { 'content-type': 'application/json' })
      response.end(
        JSON.stringify({ error: { message: `bad subscription ${request.headers['x-subscription']}` } }),
      )
    }
    const error = await rejection<ChatError>(
      createChatClient(toServer()).complete(hello, {
        headers: { 'x-subscription-key': 'ignored', 'x-subscription': 'n0t-a-key' },
      }),
    )
    // Only headers named like credentials are taken as secrets: an innocent value stays readable.
    expect(error.message).toBe('400 Bad Request: bad subscription n0t-a-key')
    const secret = await rejection<ChatError>(
      createChatClient(toServer()).complete(hello, {
        headers: { 'x-subscription': 'also-secret', 'ocp-apim-subscription-key': 'also-secret' },
      }),
    )
    expect(secret.message).toBe('400 Bad Request: bad subscription [redacted]')
  })

  it('redacts the credential an endpoint computed for each attempt, whatever other calls do meanwhile', async () => {
    handler = (request, _body, response) => {
      response.writeHead(503, { 'content-type': 'application/json' })
      response.end(JSON.stringify({ error: { message: `token ${request.headers['x-session-token']} busy` } }))
    }
    let attempts = 0
    // No `secrets()`: only what the client notes from each attempt's headers can catch the tokens.
    const rotating: ChatEndpoint = {
      name: 'rotating',
      prepare: (request) => ({
        url: `${serverURL}/v1/chat/completions`,
        headers: { 'x-session-token': `zq7-session-${++attempts}` },
        body: request,
      }),
    }
    const client = createChatClient(rotating, { maxRetries: 2, maxRetryDelay: 1 })
    const errors = await Promise.all([1, 2, 3].map(() => rejection<ChatError>(client.complete(hello))))
    expect(attempts).toBe(9)
    for (const error of errors) {
      expect(error.message).toBe('503 Service Unavailable: token [redacted] busy')
      expect(everything(error)).not.toContain('zq7-session-')
    }
  })

  it("keeps a connection error's cause, sanitised: no request, no headers, no key", async () => {
    const fetch: FetchFunction = async (_url, init) => {
      const cause = Object.assign(new Error(`socket hang up while sending ${KEY}`), {
        code: 'ECONNRESET',
        headers: init.headers,
        request: init,
      })
      throw new TypeError('fetch failed', { cause })
    }
    const error = await rejection<ChatError>(
      createChatClient(toEmulator(), { fetch, maxRetries: 0 }).complete(hello),
    )
    expect(error).toBeInstanceOf(ConnectionError)
    expect(error.message).toMatch(
      /^Could not reach test at http:\/\/127\.0\.0\.1:\d+: fetch failed \(ECONNRESET\)$/,
    )
    expect(error.cause).toMatchObject({ name: 'TypeError', message: 'fetch failed' })
    const inner = (error.cause as Error).cause as Error & Record<string, unknown>
    expect(inner).toMatchObject({ message: 'socket hang up while sending [redacted]', code: 'ECONNRESET' })
    expect(inner.headers).toBeUndefined()
    expect(inner.request).toBeUndefined()
    expect(everything(error)).not.toContain(KEY)
  })

  it('shows no key when the client or a stream is serialised or inspected', async () => {
    const client = createChatClient(toEmulator(), { headers: { 'x-api-key': KEY } })
    const stream = client.stream(hello)
    for (const value of [client, stream]) {
      expect(JSON.stringify(value) ?? '').not.toContain(KEY)
      expect(inspect(value, { depth: Number.POSITIVE_INFINITY, showHidden: true })).not.toContain(KEY)
    }
    expect((await stream.final()).outcome.type).toBe('stop')
  })
})

describe('redirects', () => {
  it('follows a same-origin 307 with the same method, body and credentials', async () => {
    handler = (request, _body, response) => {
      if (request.url === '/old') {
        response.writeHead(307, { location: '/new' })
        return response.end()
      }
      response.writeHead(200, { 'content-type': 'application/json' })
      response.end(JSON.stringify(completion))
    }
    const result = await createChatClient(toServer('/old')).complete(hello)
    expect(result.text).toBe('ok')
    expect(received.map((request) => request.path)).toEqual(['/old', '/new'])
    expect(received[1]?.authorization).toBe(`Bearer ${KEY}`)
    expect(JSON.parse(received[1]?.body ?? '')).toMatchObject({ model: 'gpt-4o-mini', stream: false })
  })

  it('refuses to send credentials to another origin', async () => {
    handler = (_request, _body, response) => {
      response.writeHead(308, { location: `${emulator.url}/v1/chat/completions?sig=SECRET-SIG` })
      response.end()
    }
    const fetch = countingFetch()
    const error = await rejection<ChatError>(createChatClient(toServer(), { fetch }).complete(hello))
    expect(error).toBeInstanceOf(ConnectionError)
    expect(error).toMatchObject({ status: 308, code: 'cross_origin_redirect' })
    expect(error.message).toContain(
      `redirected (308) to another origin, ${emulator.url}; the redirect was not followed`,
    )
    expect(error.message).not.toContain('SECRET-SIG')
    expect(fetch.calls).toBe(1)
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(emulator.requests).toHaveLength(0)
  })

  it('does not follow a 302 (it would turn the POST into a GET), nor more than 5 redirects', async () => {
    handler = (_request, _body, response) => {
      response.writeHead(302, { location: '/elsewhere' })
      response.end()
    }
    const found = await rejection<ChatError>(createChatClient(toServer()).complete(hello))
    expect(found).toMatchObject({ name: 'ConnectionError', status: 302, code: 'redirect' })
    handler = (request, _body, response) => {
      response.writeHead(307, { location: `${request.url}x` })
      response.end()
    }
    received.length = 0
    const loop = await createChatClient(toServer()).stream(hello).final()
    expect(loop.outcome).toMatchObject({
      type: 'error',
      error: { name: 'ConnectionError', code: 'too_many_redirects' },
    })
    expect(received).toHaveLength(6)
  })
})
