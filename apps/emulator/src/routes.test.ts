import { describe, expect, it } from 'vitest'
import { AZURE_KEY, ask, CHAT, get, OPENAI_KEY, post, useEmulator } from './testing/client.js'

const emulator = useEmulator()

describe('routes', () => {
  it('lists the routes and faults at / and answers /health', async () => {
    const index = (await get(emulator.current, '/', {})).json()
    expect(index.routes.length).toBeGreaterThan(5)
    expect(Object.keys(index.faults)).toContain('fail_then_succeed')
    expect((await get(emulator.current, '/health', {})).json()).toEqual({ status: 'ok' })
  })

  it('answers an unknown path in the shape its prefix suggests', async () => {
    const openai = await post(emulator.current, '/v1/completions', ask('Hi'))
    expect(openai.status).toBe(404)
    expect(openai.json().error.message).toBe('Invalid URL (POST /v1/completions)')
    const azure = await post(
      emulator.current,
      '/openai/deployments/x/embeddings?api-version=2024-10-21',
      {},
      AZURE_KEY,
    )
    expect(azure.json()).toEqual({ error: { code: '404', message: 'Resource not found' } })
  })

  it('answers the wrong method with 405 and an allow header', async () => {
    const reply = await get(emulator.current, CHAT)
    expect(reply.status).toBe(405)
    expect(reply.headers.get('allow')).toBe('POST')
  })

  it('answers a CORS preflight and exposes the ids and retry headers', async () => {
    const preflight = await fetch(`${emulator.current.url}${CHAT}`, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://localhost:5173',
        'access-control-request-headers': 'authorization, x-emulator-fault',
      },
    })
    expect(preflight.status).toBe(204)
    expect(preflight.headers.get('access-control-allow-headers')).toBe('authorization, x-emulator-fault')
    const reply = await fetch(`${emulator.current.url}/health`, {
      headers: { origin: 'http://localhost:5173' },
    })
    expect(reply.headers.get('access-control-allow-origin')).toBe('http://localhost:5173')
    expect(reply.headers.get('access-control-expose-headers')).toContain('x-ms-retry-after-ms')
  })

  it('wants a bearer key on the OpenAI route, and never echoes it whole', async () => {
    const missing = await post(emulator.current, CHAT, ask('Hi'), {})
    expect(missing.status).toBe(401)
    expect(missing.json().error.code).toBeNull()
    const apiKeyHeader = await post(emulator.current, CHAT, ask('Hi'), AZURE_KEY)
    expect(apiKeyHeader.status).toBe(401)
  })

  it('answers a body that is not JSON, or not an object, with 400', async () => {
    const broken = await post(emulator.current, CHAT, '{"model": "gpt-4o-mini", "messages": [secret words')
    expect(broken.status).toBe(400)
    expect(broken.text).not.toContain('secret')
    expect((await post(emulator.current, CHAT, '[1, 2]')).status).toBe(400)
  })

  it('validates requests with the path of the offending field', async () => {
    const reply = await post(emulator.current, CHAT, {
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'Hi' }],
      top_logprobs: 3,
    })
    expect(reply.status).toBe(400)
    expect(reply.json().error).toMatchObject({ type: 'invalid_request_error', param: 'top_logprobs' })
    const noModel = await post(emulator.current, CHAT, { messages: [{ role: 'user', content: 'Hi' }] })
    expect(noModel.json().error.param).toBe('model')
  })
  it('applies header faults to the catalog routes too', async () => {
    const info = await get(emulator.current, '/info?api-version=2025-05-01', {
      ...AZURE_KEY,
      'x-emulator-fault': 'rate_limit',
    })
    expect(info.status).toBe(429)
    expect(info.headers.get('apim-request-id')).not.toBeNull()
    const models = await get(emulator.current, '/v1/models', {
      ...OPENAI_KEY,
      'x-emulator-fault': 'server_error',
    })
    expect(models.status).toBe(500)
  })
})
