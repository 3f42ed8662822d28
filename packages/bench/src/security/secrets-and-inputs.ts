// Planted credentials through every error path and every read path; bad inputs through both calls.
// Counts cases and failures. Run alone: tsx --conditions=@chatwire/source <this file>, or all: pnpm --filter @chatwire/bench security
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { inspect } from 'node:util'
import {
  type ChatCallOptions,
  type ChatClientOptions,
  type ChatEndpoint,
  ChatError,
  type ChatRequest,
  createChatClient,
  type FetchFunction,
  InvalidRequestError,
  toSSE,
} from '@chatwire/core'
import { EMULATOR_FAULT_CASES, FAULT_PROMPT } from '@chatwire/testkit'
import { forkEmulator } from './emulator-child.js'

const BEARER = 'Bq7-plain-bearer-Credential'
const API_KEY = '9f3c1a7be24d4c0e8a6f5b2d1c0e9a7b'
const TOKEN = 'entra.Hk3Jd8Pq0Ws5Ty.token'
const QUERY_KEY = 'Kq9Ff2Gg7Hh4Jj1-query'
const PLANTED = [BEARER, API_KEY, TOKEN, QUERY_KEY]
const FORBIDDEN = PLANTED.flatMap((secret) => [secret, secret.slice(0, 8)])

const emulator = await forkEmulator(0)
let answer: (request: IncomingMessage, response: ServerResponse) => void = (_request, response) =>
  response.end()
const echo = createServer((request, response) => {
  request.resume()
  request.on('end', () => answer(request, response))
})
await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve))
const echoURL = `http://127.0.0.1:${(echo.address() as AddressInfo).port}`

/** The four credential forms, each on its own endpoint. */
function endpoints(base: string, path: string): ChatEndpoint[] {
  return [
    {
      name: 'bearer',
      prepare: (request) => ({
        url: `${base}${path}`,
        headers: { authorization: `Bearer ${BEARER}` },
        body: request,
      }),
    },
    {
      name: 'api-key',
      prepare: (request) => ({
        url: `${base}${path}`,
        headers: { 'api-key': ` ${API_KEY} ` },
        body: request,
      }),
    },
    {
      name: 'token',
      prepare: async (request) => ({
        url: `${base}${path}`,
        headers: { authorization: `Bearer ${TOKEN}` },
        body: request,
      }),
    },
    {
      name: 'query',
      prepare: (request) => ({
        url: `${base}${path}?code=${QUERY_KEY}`,
        headers: { authorization: 'Bearer x' },
        body: request,
      }),
    },
  ]
}
const request: ChatRequest = { model: 'gpt-4o-mini', messages: [{ role: 'user', content: FAULT_PROMPT }] }
const READ_PATHS = 6
let errorObjects = 0
let leaks = 0

/** One error path: every read path of what complete(), final() and toSSE() give, plus the hooks. */
async function drive(
  endpoint: ChatEndpoint,
  client: ChatClientOptions,
  call: ChatCallOptions,
): Promise<void> {
  const heard: unknown[] = []
  const hooks = {
    onRequest: (e: unknown) => heard.push(e),
    onResponse: (e: unknown) => heard.push(e),
    onRetry: (e: unknown) => heard.push(e),
  }
  const chat = createChatClient(endpoint, { ...client, ...hooks })
  const errors: unknown[] = []
  await chat.complete(request, call).catch((error: unknown) => errors.push(error))
  const { outcome } = await chat.stream(request, call).final()
  if (outcome.type === 'error') errors.push(outcome.error)
  const relayed = await new Response(toSSE(chat.stream(request, call))).text()
  for (const error of errors) {
    errorObjects++
    const value = error as Error
    const reads = [
      value.message,
      value.stack ?? '',
      JSON.stringify(value),
      inspect(value, { depth: 10 }),
      relayed,
      inspect(heard, { depth: 10 }),
    ]
    for (const read of reads) if (FORBIDDEN.some((secret) => read.includes(secret))) leaks++
  }
}

function echoAll(status: number) {
  return (incoming: IncomingMessage, response: ServerResponse) => {
    const said = `auth=${incoming.headers.authorization} key=${incoming.headers['api-key']} url=${incoming.url}`
    response.writeHead(status, { 'content-type': 'application/json', 'x-request-id': said, 'x-echo': said })
    response.end(
      JSON.stringify({
        error: { message: `${'x'.repeat(470)} ${said}`, code: said, type: said, param: said },
      }),
    )
  }
}

const quick = { maxRetries: 1, maxRetryDelay: 1 }
for (const endpoint of endpoints(emulator.url, '/v1/chat/completions')) {
  for (const { fault, options } of EMULATOR_FAULT_CASES) {
    await drive(endpoint, {}, { ...options, headers: { 'x-emulator-fault': fault } })
  }
}
for (const endpoint of endpoints(echoURL, '/v1/chat/completions')) {
  for (const status of [400, 401, 403, 404, 408, 409, 413, 422, 429, 500, 502, 503, 504]) {
    answer = echoAll(status)
    await drive(endpoint, quick, {})
  }
  for (const [status, target] of [
    [302, 'https://elsewhere.example'],
    [307, 'https://elsewhere.example'],
    [303, ''],
    [308, ''],
  ] as const) {
    answer = (incoming, response) => {
      const query = new URLSearchParams({
        code: QUERY_KEY,
        auth: incoming.headers.authorization ?? '',
        key: String(incoming.headers['api-key']),
      })
      response.writeHead(status, { location: `${target}/next?${query}` })
      response.end()
    }
    await drive(endpoint, quick, {})
  }
  const failures: FetchFunction[] = [
    (url, init) => Promise.reject(new Error(`cannot reach ${url} with ${inspect(init.headers)}`)),
    (url, init) =>
      Promise.reject(
        Object.assign(new TypeError('fetch failed'), {
          cause: Object.assign(new Error(url), { code: inspect(init.headers) }),
        }),
      ),
    (url) => Promise.reject(`a string about ${url}`),
  ]
  for (const fetch of failures) await drive(endpoint, { ...quick, fetch }, {})
}
echo.closeAllConnections()
echo.close()
await emulator.close()

// Bad inputs: each must be a typed error (InvalidRequestError, or RangeError for a bad option) before sending.
const circular: Record<string, unknown> = {}
circular.self = circular
const BAD: [string, Record<string, unknown>, ChatCallOptions][] = [
  ['circular request', { metadata: circular }, {}],
  ['BigInt in the request', { user: 1n }, {}],
  [
    'throwing toJSON',
    {
      extra: {
        toJSON: () => {
          throw new Error('no')
        },
      },
    },
    {},
  ],
  ['signal null', {}, { signal: null as unknown as AbortSignal }],
  ['signal {}', {}, { signal: {} as AbortSignal }],
  ['signal a string', {}, { signal: 'x' as unknown as AbortSignal }],
  ['header with CR LF', {}, { headers: { 'x-a': 'v\r\nx-b: 1' } }],
  ['header value not a string', {}, { headers: { 'x-a': 1 as unknown as string } }],
  ['timeout 1e10', {}, { timeout: 1e10 }],
  ['timeout -1', {}, { timeout: -1 }],
  ['idleTimeout NaN', {}, { idleTimeout: Number.NaN }],
  ['messages missing', { messages: undefined }, {}],
]
let sent = 0
const counting: FetchFunction = (url, init) => {
  sent++
  return globalThis.fetch(url, init)
}
const nowhere: ChatEndpoint = {
  name: 'nowhere',
  prepare: (body) => ({ url: 'http://127.0.0.1:9/', headers: {}, body }),
}
let badCases = 0
let badFailures = 0
for (const [, extra, call] of BAD) {
  for (const validate of [true, false]) {
    const client = createChatClient(nowhere, { fetch: counting, maxRetries: 0, validate })
    const bad = { ...request, ...extra } as ChatRequest
    for (const mode of ['complete', 'stream'] as const) {
      if (extra.messages === undefined && 'messages' in extra && !validate) continue
      badCases++
      let error: unknown
      try {
        if (mode === 'complete') await client.complete(bad, call)
        else {
          const { outcome } = await client.stream(bad, call).final()
          error = outcome.type === 'error' ? outcome.error : undefined
        }
      } catch (thrown) {
        error = thrown
      }
      const typed = error instanceof InvalidRequestError || error instanceof RangeError
      if (!typed || (error instanceof ChatError && error.constructor === ChatError)) badFailures++
    }
  }
}

console.log('| figure | value |\n| --- | --- |')
console.log(`| credentials planted | ${PLANTED.length} (bearer, api-key, token, base-URL query key) |`)
console.log(`| error objects | ${errorObjects} |`)
console.log(`| cases (error objects × ${READ_PATHS} read paths) | ${errorObjects * READ_PATHS} |`)
console.log(`| leaks | ${leaks} |`)
console.log(`| bad-input cases (${BAD.length} inputs × validate on/off × complete/stream) | ${badCases} |`)
console.log(`| not a typed error | ${badFailures} |`)
console.log(`| requests sent for a bad input | ${sent} |`)
