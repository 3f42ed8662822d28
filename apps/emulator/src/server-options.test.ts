import { afterEach, describe, expect, it } from 'vitest'
import { type Emulator, startEmulator } from './server.js'
import { ask, CHAT, OPENAI_KEY, post } from './testing/client.js'

let emulator: Emulator | undefined
afterEach(async () => {
  await emulator?.close()
  emulator = undefined
})
const start = async (options: Parameters<typeof startEmulator>[0]) => {
  emulator = await startEmulator({ port: 0, tokenDelayMs: 0, ...options })
  return emulator
}

describe('server options', () => {
  it('accepts only the listed keys, and says how to fix a wrong one', async () => {
    const server = await start({ keys: ['sk-right-key'] })
    expect((await post(server, CHAT, ask('Hi'), { authorization: 'Bearer sk-right-key' })).status).toBe(200)
    const wrong = await post(server, CHAT, ask('Hi'), { authorization: 'Bearer sk-wrong-secret-key' })
    expect(wrong.status).toBe(401)
    expect(wrong.json().error).toMatchObject({
      code: 'invalid_api_key',
      message:
        'Incorrect API key provided. Send one of the keys the emulator was started with (its `keys` option, `--key`), or start it without keys to accept any.',
    })
  })

  it('can go without auth', async () => {
    const server = await start({ requireAuth: false })
    expect((await post(server, CHAT, ask('Hi'), {})).status).toBe(200)
  })

  it('applies a server-wide fault unless the request picks its own', async () => {
    const server = await start({ faults: 'server_error' })
    expect((await post(server, CHAT, ask('Hi'))).status).toBe(500)
    const own = await post(server, CHAT, ask('Hi'), { ...OPENAI_KEY, 'x-emulator-fault': 'unauthorized' })
    expect(own.status).toBe(401)
  })

  it('can choose a fault per request, and count retries per server', async () => {
    const server = await start({
      faults: (request) =>
        request.lastUserText?.includes('flaky') ? 'fail_then_succeed;times=1;key=flaky' : undefined,
    })
    expect((await post(server, CHAT, ask('flaky one'))).status).toBe(500)
    expect((await post(server, CHAT, ask('flaky two'))).status).toBe(200)
    expect((await post(server, CHAT, ask('steady'))).status).toBe(200)
    server.reset()
    expect((await post(server, CHAT, ask('flaky again'))).status).toBe(500)
  })

  it.each([
    ['rate_limt', /Unknown emulator fault 'rate_limt'\. Known faults: rate_limit, server_error, /],
    ['rate_limit;retry_after_ms=abc', /The retry_after_ms parameter of the emulator fault rate_limit takes/],
    [
      { name: 'cut', params: { after: '-1' } } as const,
      /The after parameter of the emulator fault cut takes/,
    ],
  ])('refuses a server-wide fault %j at start', async (faults, message) => {
    await expect(startEmulator({ port: 0, faults })).rejects.toThrow(message)
  })

  it("answers a chooser's bad fault with a 400 naming the parameter", async () => {
    const server = await start({ faults: () => ({ name: 'slow', params: { ms: 'soon' } }) })
    const reply = await post(server, CHAT, ask('Hi'))
    expect(reply.status).toBe(400)
    expect(reply.json().error.message).toBe('The ms parameter of the emulator fault slow takes a number ≥ 0.')
  })

  it('ignores request faults when told to', async () => {
    const server = await start({ requestFaults: false })
    const reply = await post(server, CHAT, ask('Hi [[fault:server_error]]'), {
      ...OPENAI_KEY,
      'x-emulator-fault': 'reset',
    })
    expect(reply.status).toBe(200)
  })

  it('keeps a record of the requests it served', async () => {
    const server = await start({})
    await post(server, CHAT, ask('Hi', { stream: true }))
    await post(server, CHAT, ask('Hi'), { ...OPENAI_KEY, 'x-emulator-fault': 'rate_limit' })
    expect(server.requests).toMatchObject([
      { method: 'POST', path: CHAT, dialect: 'openai', status: 200, fault: undefined, streamed: true },
      { method: 'POST', path: CHAT, dialect: 'openai', status: 429, fault: 'rate_limit', streamed: false },
    ])
    expect(server.requests.map((record) => record.finished)).toEqual([true, true])
  })

  it('records a request as it arrives, before its reply is sent, and forgets it on reset', async () => {
    const server = await start({})
    const gaveUp = new AbortController()
    const pending = fetch(`${server.url}${CHAT}`, {
      method: 'POST',
      headers: { ...OPENAI_KEY, 'content-type': 'application/json', 'x-emulator-fault': 'latency;ms=5000' },
      body: JSON.stringify(ask('Hi')),
      signal: gaveUp.signal,
    }).catch(() => undefined)
    await expect.poll(() => server.requests.length).toBe(1)
    expect(server.requests[0]).toMatchObject({ path: CHAT, status: 0 })
    gaveUp.abort()
    await pending
    server.reset()
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(server.requests).toEqual([])
  })

  it('paces the stream by tokenDelayMs', async () => {
    const server = await start({ tokenDelayMs: 25 })
    const started = Date.now()
    await post(server, CHAT, ask('one two three', { stream: true }))
    expect(Date.now() - started).toBeGreaterThanOrEqual(6 * 25 - 10)
  })
})
