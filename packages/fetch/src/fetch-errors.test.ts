import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { inspect } from 'node:util'
import {
  AuthenticationError,
  ChatError,
  type ChatRequest,
  ConnectionError,
  ContentFilterError,
  InvalidRequestError,
  NotFoundError,
  RateLimitError,
  ServerError,
  TimeoutError,
} from '@chatwire/core'
import { useEmulator } from '@chatwire/emulator/testing'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createFetchClient, type FetchClientOptions } from './create-fetch-client.js'

const emulator = useEmulator({ hooks: { beforeAll, afterAll, beforeEach } })

const ask = (content: string, extra: Partial<ChatRequest> = {}): ChatRequest => ({
  model: 'gpt-4o-mini',
  messages: [{ role: 'user', content }],
  ...extra,
})

const OPENAI = '/v1/chat/completions'
const AZURE = '/openai/deployments/gpt-4o-mini/chat/completions?api-version=2024-10-21'
const INFERENCE = '/chat/completions?api-version=2025-05-01'

const client = (path: string, options: Partial<FetchClientOptions> = {}) =>
  createFetchClient({
    url: `${emulator.current.url}${path}`,
    headers: { authorization: 'Bearer sess_0123456789abcdef' },
    maxRetries: 0,
    ...options,
  })

interface ShapeCase {
  shape: string
  path: string
  request?: ChatRequest
  fault?: string
  expected: [typeof ChatError, Record<string, unknown>]
}

describe('createFetchClient maps every error body shape to a typed error', () => {
  const cases: ShapeCase[] = [
    {
      shape: 'OpenAI {error:{message,type,param,code}}, param as the path',
      path: OPENAI,
      request: ask('Hi', { temperature: 9 }),
      expected: [InvalidRequestError, { status: 400, code: 'invalid_value', path: 'temperature' }],
    },
    {
      shape: 'OpenAI 404 for an unknown model',
      path: OPENAI,
      request: ask('Hi', { model: 'gpt-99' }),
      expected: [NotFoundError, { status: 404, code: 'model_not_found' }],
    },
    {
      shape: 'OpenAI 401',
      path: OPENAI,
      fault: 'unauthorized',
      expected: [AuthenticationError, { status: 401, code: 'invalid_api_key' }],
    },
    {
      shape: 'an HTML error page from a proxy',
      path: OPENAI,
      fault: 'html_error',
      expected: [
        ServerError,
        {
          status: 502,
          message:
            '502 Bad Gateway: the service answered with an HTML page, not an error body (a proxy or gateway?)',
        },
      ],
    },
    {
      shape: "Azure's wrapped {error:{code,message}} 429, its retry header read",
      path: AZURE,
      fault: 'rate_limit;retry_after_ms=1500',
      expected: [RateLimitError, { status: 429, code: '429', retryAfterMs: 1500 }],
    },
    {
      shape: "Azure's content filter, with its verdicts",
      path: AZURE,
      fault: 'content_filter_prompt;category=violence',
      expected: [
        ContentFilterError,
        { status: 400, code: 'content_filter', results: { violence: { filtered: true, severity: 'high' } } },
      ],
    },
    {
      shape: "Model Inference's flat {status,code,message,detail} 422",
      path: INFERENCE,
      request: ask('Hi', { model: 'Mistral-Large-2411', n: 2 }),
      expected: [InvalidRequestError, { status: 422, code: 'extra_parameters_not_allowed', path: 'n' }],
    },
    {
      shape: 'a 503 server error',
      path: INFERENCE,
      request: ask('Hi', { model: 'Mistral-Large-2411' }),
      fault: 'server_error;status=503',
      expected: [ServerError, { status: 503 }],
    },
  ]

  it.each(cases)('$shape', async ({ path, fault, request, expected }) => {
    const [type, fields] = expected
    const headers: Record<string, string> = fault === undefined ? {} : { 'x-emulator-fault': fault }
    // Unvalidated, so that the service's own 400 / 422 body is what is mapped.
    const options = { headers, validate: false }
    const error = await client(path)
      .complete(request ?? ask('Hi'), options)
      .catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(type)
    expect(error).toMatchObject({ ...fields, requestId: expect.stringMatching(/^[0-9a-f-]{36}$/) })

    const stream = client(path).stream(request ?? ask('Hi'), options)
    const { outcome } = await stream.final()
    expect(outcome.type === 'error' && outcome.error).toBeInstanceOf(type)
    expect(outcome).toMatchObject({ type: 'error', error: fields })
  })

  it("uses the route's own toError, filling in what it left out", async () => {
    class QuotaError extends RateLimitError {
      override name = 'QuotaError'
    }
    const seen: unknown[] = []
    const quota = client(OPENAI, {
      toError(status, body, headers) {
        seen.push({ status, body, fault: headers.get('x-emulator-fault') })
        return status === 429 ? new QuotaError('Your plan allows no more today') : new ChatError('other')
      },
    })
    const error = await quota
      .complete(ask('Hi'), { headers: { 'x-emulator-fault': 'rate_limit' } })
      .catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(QuotaError)
    expect(error).toMatchObject({ message: 'Your plan allows no more today', status: 429 })
    expect((error as ChatError).headers?.get('retry-after')).toBe('1')
    expect(seen).toEqual([
      {
        status: 429,
        body: { error: expect.objectContaining({ code: 'rate_limit_exceeded' }) },
        fault: 'rate_limit',
      },
    ])
  })
})

describe('createFetchClient keeps the bearer token out of every error', () => {
  /** Every place an error shows itself: message, stack, causes, JSON, and a deep inspect. */
  function surfaces(error: unknown): string {
    const parts = [inspect(error, { depth: Infinity, showHidden: true }), JSON.stringify(error)]
    for (let link = error; link instanceof Error; link = link.cause)
      parts.push(link.message, String(link.stack))
    return parts.join('\n')
  }

  async function failures(chat: ReturnType<typeof client>, request: ChatRequest, options = {}) {
    const thrown = await chat.complete(request, options).catch((caught: unknown) => caught)
    const stream = chat.stream(request, options)
    const streamed = await (async () => {
      for await (const _event of stream) {
        // Read to the failure.
      }
    })().catch((caught: unknown) => caught)
    const { outcome } = await stream.final()
    return [thrown, streamed, outcome.type === 'error' ? outcome.error : outcome]
  }

  const closedPort = async () => {
    const server = createServer().listen(0, '127.0.0.1')
    await new Promise((resolve) => server.once('listening', resolve))
    const { port } = server.address() as AddressInfo
    await new Promise((resolve) => server.close(resolve))
    return port
  }

  const token = (n: number | string) => `sess_${n}f3a9c2e5b1d4f6a8`
  const cases: { name: string; run: () => Promise<unknown[]>; type: typeof ChatError; secrets: string[] }[] =
    [
      {
        name: 'a 401',
        type: AuthenticationError,
        secrets: [token(1)],
        run: () =>
          failures(client(OPENAI, { headers: { authorization: `Bearer ${token(1)}` } }), ask('Hi'), {
            headers: { 'x-emulator-fault': 'unauthorized' },
          }),
      },
      {
        name: 'a 429 after retries, each attempt with a refreshed token',
        type: RateLimitError,
        secrets: [1, 2, 3, 4, 5, 6].map(token),
        run: () => {
          let attempt = 0
          const chat = client(OPENAI, {
            headers: () => ({ authorization: `Bearer ${token(++attempt)}` }),
            maxRetries: 2,
            maxRetryDelay: 50,
          })
          return failures(chat, ask('Hi'), { headers: { 'x-emulator-fault': 'rate_limit;retry_after_ms=5' } })
        },
      },
      {
        name: 'a connection reset mid-stream',
        type: ConnectionError,
        secrets: [token(2)],
        run: () =>
          failures(
            client(OPENAI, { headers: { 'x-api-key': token(2), authorization: 'Bearer x' } }),
            ask('Hi'),
            {
              headers: { 'x-emulator-fault': 'reset_mid_stream;after=3' },
            },
          ),
      },
      {
        name: 'a refused connection',
        type: ConnectionError,
        secrets: [token(3)],
        run: async () => {
          const port = await closedPort()
          const chat = createFetchClient({
            url: `http://127.0.0.1:${port}/api/chat`,
            headers: () => ({ authorization: `Bearer ${token(3)}` }),
            maxRetries: 0,
          })
          return failures(chat, ask('Hi'))
        },
      },
      {
        name: 'a first-byte timeout',
        type: TimeoutError,
        secrets: [token(4)],
        run: () =>
          failures(client(OPENAI, { headers: { authorization: `Bearer ${token(4)}` } }), ask('Hi'), {
            headers: { 'x-emulator-fault': 'latency;ms=1000' },
            timeout: 50,
          }),
      },
      {
        name: 'a computed token with a line break',
        type: InvalidRequestError,
        secrets: [token(5)],
        run: () =>
          failures(
            client(OPENAI, { headers: () => ({ authorization: `Bearer ${token(5)}\r\n` }) }),
            ask('Hi'),
          ),
      },
      {
        name: 'a computed token that is not Latin-1',
        type: InvalidRequestError,
        secrets: [token('€')],
        run: () =>
          failures(client(OPENAI, { headers: () => ({ authorization: `Bearer ${token('€')}` }) }), ask('Hi')),
      },
    ]

  it.each(cases)('after $name', async ({ run, type, secrets }) => {
    const errors = await run()
    expect(errors).toHaveLength(3)
    for (const error of errors) {
      expect(error).toBeInstanceOf(type)
      const shown = surfaces(error)
      for (const secret of secrets) expect(shown).not.toContain(secret)
    }
  })
})
