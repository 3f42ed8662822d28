import { describe, expect, it } from 'vitest'
import { recordedBodyText } from './recorded-body.js'
import { RECORDED_BODY_BYTES } from './request-record.js'
import { startEmulator } from './server.js'
import {
  AZURE_CHAT,
  AZURE_KEY,
  ask,
  CHAT,
  INFERENCE_CHAT,
  OPENAI_KEY,
  post,
  useEmulator,
} from './testing/client.js'

const emulator = useEmulator()

describe('request records', () => {
  it('hold the body as sent, the query, the request id of the reply and the headers without credentials', async () => {
    const secret = 'azure-secret-key-0123456789'
    const body = {
      messages: [
        { role: 'system', content: 'Be brief' },
        { role: 'user', content: 'Hi' },
      ],
      n: 2,
    }
    const reply = await post(emulator.current, INFERENCE_CHAT, body, {
      'api-key': secret,
      'extra-parameters': 'drop',
      'x-team': 'search',
      'x-custom-auth': 'anything',
      'x-forwarded-credential': `Bearer ${secret}`,
      'x-copy': `key=${secret}`,
      'x-openai-like': 'sk-proj-abcdefghijklmnop',
    })
    expect(reply.status).toBe(200)
    const record = emulator.current.requests.at(-1)
    expect(record).toMatchObject({
      requestId: reply.headers.get('x-request-id'),
      method: 'POST',
      path: '/chat/completions',
      query: { 'api-version': '2025-05-01' },
      dialect: 'model-inference',
      body,
      bodyBytes: JSON.stringify(body).length,
      status: 200,
      finished: true,
    })
    expect(record?.headers).toMatchObject({
      'api-key': '[redacted]',
      'extra-parameters': 'drop',
      'x-team': 'search',
      'x-custom-auth': '[redacted]',
      'x-forwarded-credential': '[redacted]',
      'x-copy': '[redacted]',
      'x-openai-like': '[redacted]',
    })
    // The body is typed as a JSON object: a test reads its fields without a cast.
    expect(record?.body?.n).toBe(2)
    expect(JSON.stringify(emulator.current.requests)).not.toContain(secret)
    expect(JSON.stringify(emulator.current.requests)).not.toContain('abcdefghijklmnop')
  })

  it('redact the query values named like a credential, and keep the others', async () => {
    const path = `${AZURE_CHAT}&api-key=azure-query-key&code=oauth-code-1&sig=sas-signature&region=west`
    expect((await post(emulator.current, path, ask('Hi'), AZURE_KEY)).status).toBe(200)
    expect(emulator.current.requests.at(-1)?.query).toEqual({
      'api-version': '2024-10-21',
      'api-key': '[redacted]',
      code: '[redacted]',
      sig: '[redacted]',
      region: 'west',
    })
  })

  it('redact a query value that is the request credential under another name', async () => {
    const key = 'Xa7Kp3Rn9Wq2Lm5T'
    const reply = await post(emulator.current, `${CHAT}?pass=${key}&region=west`, ask('Hi'), {
      authorization: `Bearer ${key}`,
    })
    expect(reply.status).toBe(200)
    expect(emulator.current.requests.at(-1)?.query).toEqual({ pass: '[redacted]', region: 'west' })
    expect(JSON.stringify(emulator.current.requests)).not.toContain(key)
  })

  it('redact the bearer token of an OpenAI request and keep the fault key', async () => {
    await post(emulator.current, CHAT, ask('Hi'), {
      authorization: 'Bearer sk-test-key',
      'x-emulator-fault': 'fail_then_succeed',
      'x-emulator-fault-key': 'records-key',
    })
    expect(emulator.current.requests.at(-1)?.headers).toMatchObject({
      authorization: '[redacted]',
      'x-emulator-fault-key': 'records-key',
    })
  })

  it('keep a body up to the recorded size, and only the size of a larger one', async () => {
    const large = ask('x'.repeat(RECORDED_BODY_BYTES))
    await post(emulator.current, CHAT, large)
    const record = emulator.current.requests.at(-1)
    expect(record?.body).toBeUndefined()
    expect(record?.bodyBytes).toBe(JSON.stringify(large).length)
  })

  it('keep the body as its text, at most RECORDED_BODY_BYTES of it, and parse it when read', async () => {
    const sized = (bytes: number) => {
      const shell = ask('')
      return ask('x'.repeat(bytes - JSON.stringify(shell).length))
    }
    const over = sized(RECORDED_BODY_BYTES + 1)
    await post(emulator.current, CHAT, over)
    const overRecord = emulator.current.requests.at(-1)
    expect(overRecord?.bodyBytes).toBe(RECORDED_BODY_BYTES + 1)
    expect(overRecord && recordedBodyText(overRecord)).toBeUndefined()
    const under = sized(RECORDED_BODY_BYTES)
    await post(emulator.current, CHAT, under)
    const record = emulator.current.requests.at(-1)
    expect(record?.bodyBytes).toBe(RECORDED_BODY_BYTES)
    // What the record holds is the text sent (bytes, bounded), not the parsed object.
    expect(record && recordedBodyText(record)).toBe(JSON.stringify(under))
    expect(record?.body).toEqual(under)
    expect(record?.body).toBe(record?.body)
  })

  it('say which fault a request asked for, under which key, and what it came to', async () => {
    const headers = {
      authorization: 'Bearer sk-test-key',
      'x-emulator-fault': 'fail_then_succeed;times=1',
      'x-emulator-fault-key': 'k-records',
    }
    const statuses = [
      (await post(emulator.current, AZURE_CHAT, ask('Hi'), headers)).status,
      (await post(emulator.current, AZURE_CHAT, ask('Hi'), headers)).status,
    ]
    expect(statuses).toEqual([500, 200])
    expect(emulator.current.requests.slice(-2)).toMatchObject([
      { fault: 'server_error', requestedFault: 'fail_then_succeed;times=1', faultKey: 'k-records' },
      { fault: undefined, requestedFault: 'fail_then_succeed;times=1', faultKey: 'k-records', status: 200 },
    ])
  })

  it('show the status, fault and stream as soon as the headers are sent, and finished once over', async () => {
    const gaveUp = new AbortController()
    const response = await fetch(`${emulator.current.url}${CHAT}`, {
      method: 'POST',
      headers: {
        authorization: 'Bearer sk-test-key',
        'content-type': 'application/json',
        'x-emulator-fault': 'stall;after=2',
      },
      body: JSON.stringify(ask('one two', { stream: true })),
      signal: gaveUp.signal,
    })
    const reader = response.body?.getReader()
    await reader?.read()
    // The stall holds the connection open: the record must not wait for it to close.
    expect(emulator.current.requests.at(-1)).toMatchObject({
      status: 200,
      fault: 'stall;after=2',
      streamed: true,
      finished: false,
    })
    gaveUp.abort()
    await emulator.current.settled()
    expect(emulator.current.requests.at(-1)).toMatchObject({ status: 200, finished: true })
  })

  it('are finished once close() resolved, even for a stream the server cut short', async () => {
    const server = await startEmulator({ port: 0, tokenDelayMs: 0 })
    const response = await fetch(`${server.url}${CHAT}`, {
      method: 'POST',
      headers: {
        authorization: 'Bearer sk',
        'content-type': 'application/json',
        'x-emulator-fault': 'stall;after=2',
      },
      body: JSON.stringify(ask('one two', { stream: true })),
    })
    await response.body?.getReader().read()
    await server.close()
    expect(server.requests).toMatchObject([
      { status: 200, fault: 'stall;after=2', streamed: true, finished: true },
    ])
  })

  it('are finished by the time the client has read the whole reply', async () => {
    for (const fault of ['cut;after=2', 'no_done', 'error_event', 'reset_mid_stream;after=1', undefined]) {
      const response = await fetch(`${emulator.current.url}${CHAT}`, {
        method: 'POST',
        headers: {
          authorization: 'Bearer sk',
          'content-type': 'application/json',
          ...(fault === undefined ? {} : { 'x-emulator-fault': fault }),
        },
        body: JSON.stringify(ask('Hi', { stream: true })),
      })
      await response.text().catch(() => '')
      expect(emulator.current.requests.at(-1)).toMatchObject({ status: 200, streamed: true, finished: true })
    }
  })
})

describe('settled', () => {
  it("of a scope waits for that scope's requests alone; the server's for every scope", async () => {
    const local = await startEmulator({ port: 0, tokenDelayMs: 0, stallMs: 3000 })
    try {
      const a = local.scope()
      const b = local.scope()
      expect((await post(local, CHAT, ask('Hi'), { ...OPENAI_KEY, ...a.headers })).status).toBe(200)
      const leave = new AbortController()
      const stalled = await fetch(`${local.url}${CHAT}`, {
        signal: leave.signal,
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-emulator-fault': 'stall',
          ...OPENAI_KEY,
          ...b.headers,
        },
        body: JSON.stringify(ask('Hi', { stream: true })),
      })
      expect(stalled.status).toBe(200)
      await a.settled()
      // B's stall is still open: A's settled() did not wait for it.
      expect(b.requests.map((record) => record.finished)).toEqual([false])
      leave.abort()
      await stalled.text().catch(() => undefined)
      await local.settled()
      expect(b.requests.map((record) => record.finished)).toEqual([true])
    } finally {
      await local.close()
    }
  })
})
