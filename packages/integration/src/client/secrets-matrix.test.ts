import type { IncomingMessage, ServerResponse } from 'node:http'
import { inspect } from 'node:util'
import { createAzureInference, createAzureOpenAI } from '@chatwire/azure'
import type { ChatClient, ChatClientOptions, ChatRequest, FetchFunction } from '@chatwire/core'
import { toSSE } from '@chatwire/core'
import { type Emulator, startEmulator } from '@chatwire/emulator'
import { createFetchClient, toSSEResponse } from '@chatwire/fetch'
import { createOpenAI } from '@chatwire/openai'
import { EMULATOR_FAULT_CASES, FAULT_PROMPT } from '@chatwire/testkit'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, type TestServer } from './test-server.js'

// Distinct credentials that no pattern knows (but the Azure key's format): only exact registration catches them.
const OPENAI_KEY = 'Qv7mZp2Lx9Rt4Wb'
const QUERY_KEY = 'Kq9Ff2Gg7Hh4Jj1'
const AZURE_KEY = '9f3c1a7be24d4c0e8a6f5b2d1c0e9a7b'
const ENTRA_TOKEN = 'entra.Hk3Jd8Pq0Ws5Ty'
const SPACED_BEARER = 'tok\tMn4 Bv8 Cx2Zz'
const FETCH_QUERY = 'Sg5Rr8Tt1Yy6Uu3'
const SECRETS = [OPENAI_KEY, QUERY_KEY, AZURE_KEY, ENTRA_TOKEN, SPACED_BEARER, FETCH_QUERY]
/** Every form a secret could leak in: whole, whitespace folded, and its first 8 characters (a cut). */
const FORBIDDEN = SECRETS.flatMap((secret) => [secret, secret.replace(/\s+/g, ' '), secret.slice(0, 8)])

let emulator: Emulator
let echo: TestServer
beforeAll(async () => {
  emulator = await startEmulator({ port: 0, tokenDelayMs: 0 })
  echo = await startTestServer()
})
afterAll(async () => {
  await emulator.close()
  await echo.close()
})

/** What every hook received, for the check. */
const heard: unknown[] = []
const hooks: ChatClientOptions = {
  onRequest: (event) => heard.push(event),
  onResponse: (event) => heard.push(event),
  onRetry: (event) => heard.push(event),
}

interface Planted {
  name: string
  client(base: string, options?: ChatClientOptions): ChatClient
  request: ChatRequest
}
const ask = (content: string, model?: string): ChatRequest => ({
  ...(model === undefined ? {} : { model }),
  messages: [{ role: 'user', content }],
})
const CLIENTS: Planted[] = [
  {
    name: 'openai, bearer key and a key in the base URL query',
    client: (base, options) =>
      createOpenAI({ apiKey: OPENAI_KEY, baseURL: `${base}/v1?code=${QUERY_KEY}`, ...hooks, ...options }),
    request: ask(FAULT_PROMPT, 'gpt-4o-mini'),
  },
  {
    name: 'azure-openai, a 32-hex api-key given with whitespace around it',
    client: (base, options) =>
      createAzureOpenAI({
        endpoint: base,
        deployment: 'gpt-4o-mini',
        apiKey: ` ${AZURE_KEY}\t`,
        ...hooks,
        ...options,
      }),
    request: ask(FAULT_PROMPT),
  },
  {
    name: 'azure-inference, an Entra token',
    client: (base, options) =>
      createAzureInference({ endpoint: base, getToken: () => ENTRA_TOKEN, ...hooks, ...options }),
    request: ask(FAULT_PROMPT),
  },
  {
    name: 'fetch, a bearer value with spaces and a key in the URL query',
    client: (base, options) =>
      createFetchClient({
        url: `${base}/v1/chat/completions?sig=${FETCH_QUERY}`,
        headers: { authorization: `Bearer ${SPACED_BEARER}` },
        ...hooks,
        ...options,
      }),
    request: ask(FAULT_PROMPT, 'gpt-4o-mini'),
  },
]

/** Everything a caller can read of a call's failure: every read path of the error, the relay's bytes, the hooks. */
async function readEverything(client: ChatClient, request: ChatRequest, options: ChatClientOptions) {
  heard.length = 0
  const texts: string[] = []
  let errors = 0
  const read = (error: unknown) => {
    if (error === undefined) return
    errors++
    const value = error as Error
    texts.push(
      String(value),
      value.message,
      value.stack ?? '',
      JSON.stringify(value),
      inspect(value, { depth: 10 }),
    )
  }
  await client.complete(request, options).catch(read)
  const { outcome } = await client.stream(request, options).final()
  if (outcome.type === 'error') read(outcome.error)
  texts.push(await new Response(toSSE(client.stream(request, options))).text())
  texts.push(await toSSEResponse(client.stream(request, options)).text())
  texts.push(inspect(heard, { depth: 10 }), JSON.stringify(heard))
  return { text: texts.join('\n'), errors, hookEvents: heard.length }
}

function leaks(text: string): string[] {
  return FORBIDDEN.filter((secret) => text.includes(secret))
}

/** An error reply that echoes every credential it got, in every field a service might put one in. */
function echoAll(status: number) {
  return (request: IncomingMessage, response: ServerResponse) => {
    const auth = request.headers.authorization ?? ''
    const key = String(request.headers['api-key'] ?? '')
    const url = request.url ?? ''
    const said = `auth=${auth} key=${key} url=${url}`
    response.writeHead(status, {
      'content-type': 'application/json',
      'x-request-id': `${key}${auth}`,
      'x-echo': said,
      'retry-after-ms': '1',
    })
    response.end(
      JSON.stringify({
        error: {
          // Long enough that the cut at 500 characters falls inside a credential.
          message: `${'x'.repeat(470)} ${said}`,
          code: key || auth,
          type: auth,
          param: `messages.${key}${auth}`,
          request_id: url,
        },
        detail: [{ loc: ['body', auth, key], msg: said }],
      }),
    )
  }
}

describe('no credential leaves in any field, whatever fails, however it is read', () => {
  for (const planted of CLIENTS) {
    describe(planted.name, () => {
      it('through every emulator fault', async () => {
        const found: string[] = []
        for (const { fault, options } of EMULATOR_FAULT_CASES) {
          const { text } = await readEverything(planted.client(emulator.url), planted.request, {
            ...options,
            headers: { 'x-emulator-fault': fault },
          })
          for (const secret of leaks(text)) found.push(`${fault}: ${secret}`)
        }
        expect(found).toEqual([])
      }, 60_000)

      it('through every error status of a server that echoes the credentials everywhere', async () => {
        const found: string[] = []
        for (const status of [400, 401, 403, 404, 408, 409, 413, 422, 429, 500, 502, 503, 504]) {
          echo.handle(echoAll(status))
          const { text, errors, hookEvents } = await readEverything(
            planted.client(echo.url),
            planted.request,
            {
              maxRetries: 1,
              maxRetryDelay: 1,
            },
          )
          // Every status failed both complete() and stream(), and the hooks heard it: the check saw what leaks.
          if (errors !== 2 || hookEvents === 0)
            found.push(`${status}: ${errors} errors, ${hookEvents} hook events`)
          for (const secret of leaks(text)) found.push(`${status}: ${secret}`)
        }
        expect(found).toEqual([])
      }, 60_000)

      it('through refused redirects, the Location holding the credentials', async () => {
        const found: string[] = []
        for (const [status, target] of [
          [302, 'https://elsewhere.example'],
          [307, 'https://elsewhere.example'],
          [303, ''],
          [308, ''],
        ] as const) {
          echo.handle((request, response) => {
            const auth = request.headers.authorization ?? ''
            const key = String(request.headers['api-key'] ?? '')
            const query = new URLSearchParams({ code: QUERY_KEY, auth, key, sig: FETCH_QUERY })
            response.writeHead(status, { location: `${target}/next/${encodeURIComponent(key)}?${query}` })
            response.end()
          })
          const { text, errors } = await readEverything(planted.client(echo.url), planted.request, {
            maxRetries: 0,
          })
          if (errors !== 2) found.push(`${status}: ${errors} errors`)
          for (const secret of leaks(text)) found.push(`${status}: ${secret}`)
        }
        expect(found).toEqual([])
      }, 60_000)

      it("through a custom fetch's errors that quote the request", async () => {
        const found: string[] = []
        const failures: ((url: string, init: RequestInit) => unknown)[] = [
          (url, init) => new Error(`cannot reach ${url} with ${inspect(init.headers)}`),
          (url, init) =>
            Object.assign(new TypeError('fetch failed'), {
              cause: Object.assign(new Error(`connect to ${url}`), {
                code:
                  new Headers(init.headers).get('authorization') ?? new Headers(init.headers).get('api-key'),
                syscall: url,
              }),
            }),
          (url) => `a string error about ${url}`,
        ]
        for (const failure of failures) {
          const fetch: FetchFunction = (url, init) => Promise.reject(failure(url, init))
          const { text, errors } = await readEverything(
            planted.client(echo.url, { fetch }),
            planted.request,
            {
              maxRetries: 1,
              maxRetryDelay: 1,
            },
          )
          if (errors !== 2) found.push(`${failures.indexOf(failure)}: ${errors} errors`)
          for (const secret of leaks(text)) found.push(`${failures.indexOf(failure)}: ${secret}`)
        }
        expect(found).toEqual([])
      }, 60_000)
    })
  }
})
