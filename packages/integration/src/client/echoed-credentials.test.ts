// Credentials a hostile server echoes in a form or a piece the client did not register as given: a body cut at
// `maxErrorBodyBytes` inside the key, a cookie value or a Basic password alone, a header or query parameter
// whose name says credential in another word, a key percent-encoded in lower case or as a URL writes it, a key
// wrapped across two lines or split by a zero-width space. None may reach any field of the error, the relay's
// frames or a hook's event.
import { inspect } from 'node:util'
import type { ChatClient, ChatClientOptions, ChatRequest, FetchFunction } from '@chatwire/core'
import { toSSE } from '@chatwire/core'
import { createFetchClient } from '@chatwire/fetch'
import { createOpenAI } from '@chatwire/openai'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, type TestServer } from './test-server.js'

/** Credentials that no pattern of `redactSecrets` knows: only what the client registers can catch them. */
const KEY = 'Zq9LmT2vXw8RbN4cKd7HfJ1s'
const SHORT = 'Aa1Bb2Cc3Dd4Ee5F'
const ASK: ChatRequest = { model: 'm', messages: [{ role: 'user', content: 'hi' }] }

let server: TestServer
beforeAll(async () => {
  server = await startTestServer()
})
afterAll(() => server.close())

/** A server that answers every request with `status` and `body`. */
function answer(status: number, body: string, type = 'text/plain'): void {
  server.handle((_request, response) => {
    response.writeHead(status, { 'content-type': type })
    response.end(body)
  })
}

/** Everything a caller can read of a call's failure: the error's read paths, the relay's frames, the hooks. */
async function readEverything(client: (hooks: ChatClientOptions) => ChatClient): Promise<string> {
  const heard: unknown[] = []
  const hooks: ChatClientOptions = {
    onRequest: (event) => heard.push(event),
    onResponse: (event) => heard.push(event),
    onRetry: (event) => heard.push(event),
  }
  const texts: string[] = []
  const read = (error: unknown): void => {
    const value = error as Error
    texts.push(value.message, value.stack ?? '', JSON.stringify(value), inspect(value, { depth: 10 }))
  }
  let failed = 0
  await client(hooks)
    .complete(ASK)
    .then(
      () => {},
      (error: unknown) => {
        failed++
        read(error)
      },
    )
  const { outcome } = await client(hooks).stream(ASK).final()
  if (outcome.type === 'error') {
    failed++
    read(outcome.error)
  }
  texts.push(await new Response(toSSE(client(hooks).stream(ASK))).text())
  texts.push(inspect(heard, { depth: 10 }), JSON.stringify(heard))
  // Both calls failed, and the hooks saw their requests: nothing passes for want of an error to read.
  expect(failed).toBe(2)
  expect(heard.length).toBeGreaterThan(0)
  return texts.join('\n')
}

describe('a body cut at maxErrorBodyBytes inside a key', () => {
  // The cap falls after the key's 23rd character: all but its last would be left at the end of the message.
  const cut = (limit: number, before: string) =>
    `${' '.repeat(limit - before.length - KEY.length + 1)}${before}${KEY}`

  it('keeps no start of the key, at the default cap of 1 MiB', async () => {
    answer(401, cut(1024 * 1024, 'rejected: '))
    const openai = (hooks: ChatClientOptions) =>
      createOpenAI({ apiKey: KEY, baseURL: `${server.url}/v1`, maxRetries: 0, ...hooks })
    const text = await readEverything(openai)
    expect(text).toContain('rejected: [redacted]')
    expect(text).not.toContain(KEY.slice(0, 4))
  })

  it("keeps no start of the key, at a caller's cap that leaves only its first 5 characters", async () => {
    answer(401, `rejected: ${KEY} (a key of 24 characters)`)
    const openai = (hooks: ChatClientOptions) =>
      createOpenAI({
        apiKey: KEY,
        baseURL: `${server.url}/v1`,
        maxRetries: 0,
        maxErrorBodyBytes: 'rejected: '.length + 5,
        ...hooks,
      })
    const text = await readEverything(openai)
    expect(text).toContain('rejected: [redacted]')
    expect(text).not.toContain(KEY.slice(0, 4))
  })
})

describe('credentials the client registers from its headers and URL', () => {
  const cases: [label: string, headers: Record<string, string>, said: string][] = [
    ['a cookie value echoed alone', { cookie: `sid=${SHORT}; theme=dark` }, `session ${SHORT} expired`],
    [
      'a Basic password echoed decoded, with its user',
      { authorization: `Basic ${btoa(`alice:${SHORT}`)}` },
      `login failed for alice:${SHORT}`,
    ],
    [
      'a Basic password echoed alone',
      { authorization: `Basic ${btoa(`alice:${SHORT}`)}` },
      `rejected ${SHORT}`,
    ],
    ['an x-auth header', { 'x-auth': SHORT }, `denied ${SHORT}`],
    ['an x-session-id header', { 'x-session-id': SHORT }, `denied ${SHORT}`],
    ['an x-api-sig header', { 'x-api-sig': SHORT }, `denied ${SHORT}`],
    ['an x-pass header', { 'x-pass': SHORT }, `denied ${SHORT}`],
    ['an x-jwt header', { 'x-jwt': SHORT }, `denied ${SHORT}`],
  ]
  for (const [label, headers, said] of cases) {
    it(`${label}: in no error, frame or hook`, async () => {
      answer(401, said)
      const fetchClient = (hooks: ChatClientOptions) =>
        createFetchClient({ url: `${server.url}/api/chat`, headers, maxRetries: 0, ...hooks })
      const text = await readEverything(fetchClient)
      expect(text).toContain('[redacted]')
      expect(text).not.toContain(SHORT)
    })
  }

  it('the value of a query parameter named auth, however short, in no hook event or error', async () => {
    answer(401, `bad auth ${SHORT.slice(0, 12)}`)
    const fetchClient = (hooks: ChatClientOptions) =>
      createFetchClient({ url: `${server.url}/api/chat?auth=${SHORT.slice(0, 12)}`, maxRetries: 0, ...hooks })
    expect(await readEverything(fetchClient)).not.toContain(SHORT.slice(0, 12))
  })
})

describe('a known key echoed transformed', () => {
  const WRAPPED = 'Xa7Kp3Rn9Wq2Lm5TbC4d'
  const echoes: [label: string, key: string, message: string][] = [
    [
      'wrapped across two lines',
      WRAPPED,
      `Incorrect API key provided: ${WRAPPED.slice(0, 10)}\n${WRAPPED.slice(10)}`,
    ],
    [
      'split by a zero-width space',
      WRAPPED,
      `Incorrect API key provided: ${WRAPPED.slice(0, 10)}\u200b${WRAPPED.slice(10)}`,
    ],
    [
      'percent-encoded in lower case',
      `ab+${WRAPPED}`,
      `rejected: ${encodeURIComponent(`ab+${WRAPPED}`).replace(/%[0-9A-F]{2}/g, (hex) => hex.toLowerCase())}`,
    ],
  ]
  for (const [label, key, message] of echoes) {
    it(`${label}: in no error, frame or hook`, async () => {
      answer(401, JSON.stringify({ error: { message } }), 'application/json')
      const openai = (hooks: ChatClientOptions) =>
        createOpenAI({ apiKey: key, baseURL: `${server.url}/v1`, maxRetries: 0, ...hooks })
      const text = await readEverything(openai)
      expect(text).toContain('[redacted]')
      expect(text).not.toContain(WRAPPED.slice(0, 10))
    })
  }

  it('a fetch error quoting the request URL: a query key as the URL writes it', async () => {
    // node-fetch's FetchError reads "request to <url> failed, reason: …".
    const quoting: FetchFunction = async (url) => {
      throw new TypeError(`request to ${String(url)} failed, reason: socket hang up`)
    }
    for (const query of ['sig=Ab3dEf6hIj9kLm%2bNo4pQr%3d', "code=Ab3dEf6h'Ij9kLm2No4pQ"]) {
      const openai = (hooks: ChatClientOptions) =>
        createOpenAI({
          apiKey: 'sk-test-abcdef',
          baseURL: `https://gw.example/v1?${query}`,
          maxRetries: 0,
          fetch: quoting,
          ...hooks,
        })
      const text = await readEverything(openai)
      expect(text).toContain('request to https://gw.example/v1/chat/completions?')
      expect(text).not.toContain('Ab3dEf6h')
    }
  })
})
