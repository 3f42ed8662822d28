import { inspect } from 'node:util'
import {
  type ChatEndpoint,
  createChatClient,
  RateLimitError,
  type RequestEvent,
  type ResponseEvent,
  type RetryEvent,
} from '@chatwire/core'
import { useEmulator } from '@chatwire/emulator/testing'
import { createFetchClient } from '@chatwire/fetch'
import { createOpenAI } from '@chatwire/openai'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'

const emulator = useEmulator({ hooks: { beforeAll, afterAll, beforeEach } })

const KEY = 'Hq4-plain-Hook-Credential'
const QUERY_KEY = 'Qz8-query-Hook-Credential'

describe('onRequest, onResponse and onRetry', () => {
  it('report each attempt, its reply and each retry, with credentials redacted everywhere', async () => {
    const requests: RequestEvent[] = []
    const responses: ResponseEvent[] = []
    const retries: RetryEvent[] = []
    const client = createOpenAI({
      apiKey: KEY,
      baseURL: `${emulator.current.url}/v1?code=${QUERY_KEY}`,
      headers: { 'x-gateway-key': KEY },
      maxRetryDelay: 5,
      onRequest: (event) => requests.push(event),
      onResponse: (event) => responses.push(event),
      onRetry: (event) => retries.push(event),
    })
    const result = await client.complete(
      { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }] },
      { headers: { 'x-emulator-fault': 'fail_then_succeed;with=server_error;times=1' } },
    )
    expect(result.outcome.type).toBe('stop')
    expect(requests.map(({ attempt, method, url }) => ({ attempt, method, url }))).toEqual([
      { attempt: 1, method: 'POST', url: `${emulator.current.url}/v1/chat/completions?code=[redacted]` },
      { attempt: 2, method: 'POST', url: `${emulator.current.url}/v1/chat/completions?code=[redacted]` },
    ])
    expect(requests[0]?.headers.get('authorization')).toBe('[redacted]')
    expect(requests[0]?.headers.get('x-gateway-key')).toBe('[redacted]')
    expect(responses.map(({ attempt, status }) => ({ attempt, status }))).toEqual([
      { attempt: 1, status: 500 },
      { attempt: 2, status: 200 },
    ])
    expect(retries).toHaveLength(1)
    expect(retries[0]).toMatchObject({ attempt: 1, error: { name: 'ServerError', status: 500 } })
    expect(retries[0]?.delay).toBeLessThanOrEqual(5)
    const everything = inspect([requests, responses, retries], { depth: 10 }) + JSON.stringify(retries)
    expect(everything).not.toContain(KEY)
    expect(everything).not.toContain(QUERY_KEY)
  })

  it('never hand over a credential the service echoes in its error or headers', async () => {
    const heard: unknown[] = []
    const endpoint: ChatEndpoint = {
      name: 'echo',
      prepare: (request) => ({
        url: `${emulator.current.url}/v1/chat/completions`,
        headers: { authorization: `Bearer ${KEY}`, 'x-emulator-fault': 'rate_limit;retry_after_ms=1' },
        body: request,
      }),
      // A mapping that quotes the key in its message and code, as a careless one might.
      toError: (status, _body, headers) =>
        new RateLimitError(`echo ${KEY}`, { status, headers, code: KEY, retryAfterMs: 1 }),
    }
    const client = createChatClient(endpoint, {
      maxRetries: 1,
      onRetry: (event) => heard.push(event),
      onRequest: (event) => heard.push(event),
      onResponse: (event) => heard.push(event),
    })
    await client
      .complete({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }] })
      .catch(() => {})
    // Two attempts and the retry between them.
    expect(heard).toHaveLength(5)
    expect(inspect(heard, { depth: 10 })).not.toContain(KEY)
  })

  it('redact the query values a URL computed per attempt names as credentials, however short', async () => {
    const requests: RequestEvent[] = []
    const responses: ResponseEvent[] = []
    const client = createFetchClient({
      url: () => `${emulator.current.url}/v1/chat/completions?sig=s1&code=&team=a`,
      headers: { authorization: `Bearer ${KEY}` },
      onRequest: (event) => requests.push(event),
      onResponse: (event) => responses.push(event),
    })
    const { outcome } = await client
      .stream({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }] })
      .final()
    expect(outcome.type).toBe('stop')
    const cleaned = `${emulator.current.url}/v1/chat/completions?sig=[redacted]&code=&team=a`
    expect([...requests, ...responses].map((event) => event.url)).toEqual([cleaned, cleaned])
  })
})
