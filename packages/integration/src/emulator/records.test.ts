import { createAzureInference, createAzureOpenAI } from '@chatwire/azure'
import { fault, faultHeaders, useEmulator } from '@chatwire/emulator/testing'
import { type ChatError, createOpenAI } from '@chatwire/openai'
import { rejection } from '@chatwire/testkit'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'

// The emulator's request records, read by a user's test right after a chatwire client's call settled.
const emulator = useEmulator({ hooks: { beforeAll, afterAll, beforeEach } })
const messages = [{ role: 'user' as const, content: 'one two three' }]

describe('a request record read right after the client settled', () => {
  it.each([
    [fault('stall', { after: 2 }), 'error'],
    [fault('cut'), 'incomplete'],
    [fault('reset_mid_stream'), 'error'],
    [fault('no_done'), 'stop'],
  ] as const)('is complete after final() on %o', async (spec, outcome) => {
    const client = createOpenAI({ ...emulator.current.openai, maxRetries: 0, idleTimeout: 100 })
    const result = await client
      .stream({ model: 'gpt-4o-mini', messages }, { headers: faultHeaders(spec) })
      .final()
    expect(result.outcome.type).toBe(outcome)
    expect(emulator.current.requests).toMatchObject([
      { status: 200, fault: expect.stringContaining(spec.name), streamed: true, requestId: result.requestId },
    ])
  })

  it('is finished once settled() resolves, even when the client gave up on a stall', async () => {
    const client = createOpenAI({ ...emulator.current.openai, maxRetries: 0, idleTimeout: 100 })
    await client.stream({ model: 'gpt-4o-mini', messages }, { headers: faultHeaders(fault('stall')) }).final()
    await emulator.current.settled()
    expect(emulator.current.requests).toMatchObject([{ status: 200, fault: 'stall', finished: true }])
  })

  it('matches the requestId of the error the client rejected with, and says what was sent', async () => {
    const inference = createAzureInference({ ...emulator.current.azureInference, maxRetries: 0 })
    const error = await rejection<ChatError>(
      inference.complete(
        { messages: [{ role: 'system', content: 'Be brief' }, ...messages], temperature: 0.2 },
        { headers: faultHeaders('server_error') },
      ),
    )
    const [record] = emulator.current.requests
    expect(record).toMatchObject({
      requestId: error.requestId,
      dialect: 'model-inference',
      query: { 'api-version': expect.any(String) },
      body: { messages: [{ role: 'system', content: 'Be brief' }, ...messages], temperature: 0.2 },
      headers: { 'api-key': '[redacted]' },
    })
    expect(JSON.stringify(record)).not.toContain(emulator.current.azureInference.apiKey)
  })

  it('tells a request that passed through fail_then_succeed', async () => {
    const client = createOpenAI({ ...emulator.current.openai, maxRetries: 1 })
    const headers = faultHeaders(fault('fail_then_succeed', { times: 1 }), 'passed')
    expect((await client.complete({ model: 'gpt-4o-mini', messages }, { headers })).text).toBe(
      'You said: one two three',
    )
    expect(emulator.current.requests).toMatchObject([
      { status: 500, fault: 'server_error', requestedFault: 'fail_then_succeed;times=1', faultKey: 'passed' },
      { status: 200, fault: undefined, requestedFault: 'fail_then_succeed;times=1', faultKey: 'passed' },
    ])
  })
})

describe('identical requests through a client', () => {
  it('get equal completions, whole and streamed, and different request ids', async () => {
    const client = createOpenAI(emulator.current.openai)
    const request = { model: 'gpt-4o-mini', messages, seed: 1 }
    const [a, b] = [await client.complete(request), await client.complete(request)]
    expect(a.completion).toEqual(b.completion)
    expect(a.requestId).not.toBe(b.requestId)
    const [c, d] = [await client.stream(request).final(), await client.stream(request).final()]
    expect(c.completion).toEqual(d.completion)
  })
})

// The trial's case: vitest runs these at once; each test's own key, and no test resets another's counter.
// Eight, over vitest's default maxConcurrency of 5: a test then starts while others run, which is when a
// reset before it would wipe their counters (with five or fewer, all could start before any request).
describe.concurrent('concurrent tests, each with its own fault key', () => {
  for (let n = 0; n < 8; n++) {
    it(`retries through one failure #${n}`, async () => {
      const client = createOpenAI({ ...emulator.current.openai, maxRetries: 0 })
      const headers = faultHeaders(fault('fail_then_succeed', { times: 1 }), `key-${n}`)
      await expect(client.complete({ model: 'gpt-4o-mini', messages }, { headers })).rejects.toThrow()
      await new Promise((resolve) => setTimeout(resolve, 30 + n * 10))
      const second = await client.complete({ model: 'gpt-4o-mini', messages }, { headers })
      expect(second.text).toBe('You said: one two three')
    })
  }
})

describe.concurrent('concurrent tests, each in its own scope', () => {
  for (const n of [1, 2, 3]) {
    it(`fails once then succeeds, with the same fault and no key #${n}`, async () => {
      const scope = emulator.current.scope({ reply: `Scope ${n}` })
      const client = createAzureOpenAI({ ...scope.azureOpenAI, deployment: 'gpt-4o-mini', maxRetries: 0 })
      const headers = faultHeaders(fault('fail_then_succeed', { times: 1 }))
      expect((await rejection<ChatError>(client.complete({ messages }, { headers }))).status).toBe(500)
      expect((await client.complete({ messages }, { headers })).text).toBe(`Scope ${n}`)
      expect(scope.requests.map((record) => record.status)).toEqual([500, 200])
    })
  }
})
