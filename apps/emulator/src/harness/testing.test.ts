import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import {
  type FaultRequestInfo,
  fault,
  faultHeaders,
  type ServerFaults,
  startTestEmulator,
  type TestEmulator,
  useEmulator,
} from '../testing.js'

const chat = { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hello there' }] }

async function post(url: string, headers: Record<string, string>, body: unknown = chat) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  })
  return { status: response.status, headers: response.headers, json: (await response.json()) as unknown }
}

describe('startTestEmulator', () => {
  let emulator: TestEmulator
  beforeAll(async () => {
    emulator = await startTestEmulator()
  })
  afterAll(() => emulator.close())

  it("gives each dialect's connection options, which reach its routes", async () => {
    const { openai, azureOpenAI, azureInference } = emulator
    const replies = await Promise.all([
      post(`${openai.baseURL}/chat/completions`, { authorization: `Bearer ${openai.apiKey}` }),
      post(
        `${azureOpenAI.endpoint}/openai/deployments/gpt-4o-mini/chat/completions?api-version=2024-10-21`,
        { 'api-key': azureOpenAI.apiKey },
        { messages: chat.messages },
      ),
      post(
        `${azureInference.endpoint}/chat/completions?api-version=2024-05-01-preview`,
        { 'api-key': azureInference.apiKey },
        { messages: chat.messages },
      ),
    ])
    expect(replies.map((reply) => reply.status)).toEqual([200, 200, 200])
    expect(emulator.requests.map((request) => request.dialect)).toEqual([
      'openai',
      'azure-openai',
      'model-inference',
    ])
  })

  it('injects a typed fault through faultHeaders', async () => {
    const reply = await post(`${emulator.openai.baseURL}/chat/completions`, {
      authorization: `Bearer ${emulator.openai.apiKey}`,
      ...faultHeaders(fault('rate_limit', { retry_after_ms: 1500, header: 'retry-after-ms' })),
    })
    expect(reply.status).toBe(429)
    expect(reply.headers.get('retry-after-ms')).toBe('1500')
    expect(reply.headers.get('retry-after')).toBeNull()
  })

  it('fails the first requests of a key with the wrapped fault, then succeeds', async () => {
    const headers = {
      authorization: `Bearer ${emulator.openai.apiKey}`,
      ...faultHeaders(
        fault('fail_then_succeed', { with: fault('server_error', { status: 503 }), times: 2 }),
        'k1',
      ),
    }
    const statuses: number[] = []
    for (let attempt = 0; attempt < 3; attempt++) {
      statuses.push((await post(`${emulator.openai.baseURL}/chat/completions`, headers)).status)
    }
    expect(statuses).toEqual([503, 503, 200])
  })
})

describe('startTestEmulator with a named faults function', () => {
  it('takes one typed with the types /testing exports', async () => {
    const seen: FaultRequestInfo[] = []
    const faults: ServerFaults = (request: FaultRequestInfo) => {
      seen.push(request)
      return request.headers['x-emulator-scope'] === 'failing'
        ? fault('server_error', { status: 503 })
        : undefined
    }
    const emulator = await startTestEmulator({ faults })
    try {
      const url = `${emulator.openai.baseURL}/chat/completions`
      const auth = { authorization: `Bearer ${emulator.openai.apiKey}` }
      const failing = emulator.scope({ id: 'failing' })
      expect((await post(url, { ...auth, ...failing.headers })).status).toBe(503)
      expect((await post(url, auth)).status).toBe(200)
      expect(seen.map((request) => request.dialect)).toEqual(['openai', 'openai'])
    } finally {
      await emulator.close()
    }
  })
})

describe('startTestEmulator with keys', () => {
  it('connects with the first accepted key', async () => {
    const emulator = await startTestEmulator({ keys: ['sk-only-this'] })
    try {
      expect(emulator.openai.apiKey).toBe('sk-only-this')
      const reply = await post(`${emulator.openai.baseURL}/chat/completions`, {
        authorization: `Bearer ${emulator.openai.apiKey}`,
      })
      expect(reply.status).toBe(200)
    } finally {
      await emulator.close()
    }
  })
})

describe('useEmulator under describe.concurrent', () => {
  const emulator = useEmulator({ hooks: { beforeAll, afterAll, beforeEach } })
  const url = () => `${emulator.current.openai.baseURL}/chat/completions`
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

  // The trial's case: each test has its own key, and a test that starts must not reset another's counter.
  // Eight, over vitest's default maxConcurrency of 5: a test then starts while others run, which is what the
  // guard is for (with five or fewer, every beforeEach could run before any request, and reset nothing).
  describe.concurrent('tests each with their own fault key', () => {
    for (let n = 0; n < 8; n++) {
      it(`retries through one failure #${n}`, async () => {
        const headers = {
          authorization: `Bearer ${emulator.current.openai.apiKey}`,
          ...faultHeaders(fault('fail_then_succeed', { times: 1 }), `concurrent-${n}`),
        }
        expect((await post(url(), headers)).status).toBe(500)
        await sleep(10 + n * 5)
        expect((await post(url(), headers)).status).toBe(200)
      })
    }
  })

  describe.concurrent('tests each in their own scope', () => {
    for (let n = 0; n < 4; n++) {
      it(`sees only its own requests #${n}`, async () => {
        const scope = emulator.current.scope()
        const headers = { authorization: `Bearer ${scope.openai.apiKey}`, ...scope.headers }
        for (let i = 0; i <= n; i++) await post(url(), headers)
        expect(scope.requests).toHaveLength(n + 1)
      })
    }
  })
})

describe('useEmulator with afterEach among the hooks (as jest has them)', () => {
  const emulator = useEmulator({ hooks: { beforeAll, afterAll, beforeEach, afterEach } })
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

  // Eight, over vitest's default maxConcurrency of 5, so that some start while others run (see above).
  describe.concurrent('tests each with their own fault key', () => {
    for (let n = 0; n < 8; n++) {
      it(`retries through one failure #${n}`, async () => {
        const url = `${emulator.current.openai.baseURL}/chat/completions`
        const headers = {
          authorization: `Bearer ${emulator.current.openai.apiKey}`,
          ...faultHeaders(fault('fail_then_succeed', { times: 1 }), `after-each-${n}`),
        }
        expect((await post(url, headers)).status).toBe(500)
        await sleep(10 + n * 5)
        expect((await post(url, headers)).status).toBe(200)
      })
    }
  })

  it('still resets before a test that runs alone', () => {
    expect(emulator.current.requests).toHaveLength(0)
  })
})

describe('useEmulator', () => {
  const emulator = useEmulator({ hooks: { beforeAll, afterAll, beforeEach } })

  it('runs during the tests of the file', async () => {
    const reply = await post(`${emulator.current.openai.baseURL}/chat/completions`, {
      authorization: `Bearer ${emulator.current.openai.apiKey}`,
    })
    expect(reply.status).toBe(200)
    expect(emulator.current.requests).toHaveLength(1)
  })

  it('starts each test with an empty request log', () => {
    expect(emulator.current.requests).toHaveLength(0)
  })

  it('scopes a test: its own records, and a reset that leaves the other scopes', async () => {
    const mine = emulator.current.scope()
    const theirs = emulator.current.scope({ id: 'theirs' })
    expect(theirs.headers).toEqual({ 'x-emulator-scope': 'theirs' })
    const url = `${emulator.current.openai.baseURL}/chat/completions`
    await post(url, { authorization: `Bearer ${mine.openai.apiKey}`, ...mine.openai.headers })
    await post(url, { authorization: `Bearer ${theirs.openai.apiKey}`, ...theirs.headers })
    await post(url, { authorization: `Bearer ${theirs.openai.apiKey}`, ...theirs.headers })
    expect(mine.requests.map((record) => record.scope)).toEqual([mine.id])
    expect(theirs.requests).toHaveLength(2)
    mine.reset()
    expect([mine.requests.length, theirs.requests.length, emulator.current.requests.length]).toEqual([
      0, 2, 2,
    ])
  })

  it('counts fail_then_succeed apart in each scope, even for the same fault and key', async () => {
    const headers = faultHeaders(fault('fail_then_succeed', { times: 1 }))
    const url = `${emulator.current.openai.baseURL}/chat/completions`
    const statuses: number[] = []
    for (const scope of [emulator.current.scope(), emulator.current.scope()]) {
      for (let attempt = 0; attempt < 2; attempt++) {
        const auth = { authorization: `Bearer ${scope.openai.apiKey}`, ...scope.headers, ...headers }
        statuses.push((await post(url, auth)).status)
      }
    }
    expect(statuses).toEqual([500, 200, 500, 200])
  })

  it('asks for the hooks when the runner has no globals', () => {
    expect(() => useEmulator()).toThrow(/pass your runner's/)
  })
})
