import { inspect } from 'node:util'
import {
  type ChatEndpoint,
  ChatError,
  createChatClient,
  RateLimitError,
  type RequestEvent,
  type ResponseEvent,
  type RetryEvent,
} from '@chatwire/core'
import { useEmulator } from '@chatwire/emulator/testing'
import { createFetchClient } from '@chatwire/fetch'
import { createOpenAI } from '@chatwire/openai'
import { rejection } from '@chatwire/testkit'
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

describe('a hook that throws', () => {
  /** A budget guard's own error, as an app writes one to veto a request. */
  class BudgetExceeded extends Error {
    override name = 'BudgetExceeded'
    code = 'E_BUDGET'
  }
  const hi = { model: 'gpt-4o-mini', messages: [{ role: 'user' as const, content: 'Hi' }] }
  const errorOf = (outcome: { type: string; error?: ChatError }) => outcome.error

  it('fails the call, not retried, with a ChatError whose cause is of its class: onRequest vetoes it', async () => {
    const thrown = new BudgetExceeded('over budget')
    let calls = 0
    const client = createOpenAI({
      ...emulator.current.openai,
      maxRetries: 2,
      onRequest: () => {
        calls++
        throw thrown
      },
    })
    const error = await rejection<ChatError>(client.complete(hi))
    const { outcome } = await client.stream(hi).final()
    for (const failure of [error, errorOf(outcome)]) {
      expect(failure).toBeInstanceOf(ChatError)
      expect(failure?.message).toBe('The openai onRequest hook threw: over budget')
      expect(failure?.cause).toBeInstanceOf(BudgetExceeded)
      expect(failure?.cause).toMatchObject({
        name: 'BudgetExceeded',
        message: 'over budget',
        code: 'E_BUDGET',
      })
      // A clean copy: the thrown object itself could hold anything.
      expect(failure?.cause).not.toBe(thrown)
    }
    expect(calls).toBe(2)
    expect(emulator.current.requests).toHaveLength(0)
  })

  it('likewise for onResponse and onRetry', async () => {
    const veto = (hook: string) => () => {
      throw new BudgetExceeded(`${hook} says no`)
    }
    const onResponse = createOpenAI({ ...emulator.current.openai, onResponse: veto('onResponse') })
    const onRetry = createOpenAI({ ...emulator.current.openai, maxRetryDelay: 1, onRetry: veto('onRetry') })
    const failures = [
      await rejection<ChatError>(onResponse.complete(hi)),
      await rejection<ChatError>(
        onRetry.complete(hi, { headers: { 'x-emulator-fault': 'fail_then_succeed;times=1' } }),
      ),
    ]
    expect(failures.map((failure) => failure.message)).toEqual([
      'The openai onResponse hook threw: onResponse says no',
      'The openai onRetry hook threw: onRetry says no',
    ])
    for (const failure of failures) expect(failure.cause).toBeInstanceOf(BudgetExceeded)
    // One request each: the reply the onResponse hook refused, the failure the onRetry hook would retry.
    expect(emulator.current.requests).toHaveLength(2)
  })

  it('never shows a credential its error holds, in any field', async () => {
    const shaped = 'sk-proj-hookPlanted0123456789abcdefXYZ'
    const planted = () => {
      const error = new BudgetExceeded(`over budget for ${KEY} and ${shaped}`)
      error.code = `E_${KEY}`
      Object.assign(error, { key: KEY, cause: new Error(`inner ${KEY}`) })
      return error
    }
    const client = createOpenAI({
      ...emulator.current.openai,
      apiKey: KEY,
      onRequest: () => {
        throw planted()
      },
    })
    const error = await rejection<ChatError>(client.complete(hi))
    const { outcome } = await client.stream(hi).final()
    for (const failure of [error, errorOf(outcome)]) {
      expect(failure?.cause).toBeInstanceOf(BudgetExceeded)
      const cause = failure?.cause as BudgetExceeded
      const everything = [
        inspect(failure, { depth: 10, showHidden: true }),
        JSON.stringify(failure),
        failure?.message,
        failure?.stack,
        cause.message,
        cause.stack,
        cause.code,
        inspect(cause.cause, { showHidden: true }),
      ].join('\n')
      expect(everything).not.toContain(KEY)
      expect(everything).not.toContain(shaped.slice(8))
      expect(everything).toContain('over budget for [redacted]')
    }
  })
})
