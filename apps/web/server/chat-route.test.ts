import { ConfigError } from '@chatwire/cli/service'
import { AuthenticationError } from '@chatwire/core'
import { type Emulator, startEmulator } from '@chatwire/emulator'
import { createFetchClient } from '@chatwire/fetch'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type ChatRoute, createChatRoute } from './chat-route.js'

const SECRET = 'sk-route-0123456789abcdefSECRET'
const QUESTION = [{ role: 'user' as const, content: 'Hello there' }]

/** The page's client, its fetch served by the route in-process; every byte the route sent is kept. */
function browserClient(route: ChatRoute, headers: Record<string, string> = {}) {
  const relayed: string[] = []
  const client = createFetchClient({
    url: 'http://demo.local/api/chat',
    headers,
    maxRetries: 0,
    fetch: async (url, init) => {
      const response = (await route.handle(new Request(url, init))) as Response
      const body = await response.text()
      relayed.push(body)
      return new Response(body, { status: response.status, headers: response.headers })
    },
  })
  return { client, relayed }
}

async function get(route: ChatRoute, path: string): Promise<unknown> {
  return (await route.handle(new Request(`http://demo.local${path}`)))?.json()
}

describe('the route on a service the environment names', () => {
  let emulator: Emulator
  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, tokenDelayMs: 0, keys: [SECRET] })
  })
  afterAll(() => emulator.close())

  it('says which service it talks to, offers no faults, and relays its stream; the key is in no byte it sends', async () => {
    const route = await createChatRoute({
      env: { OPENAI_BASE_URL: `${emulator.url}/v1`, OPENAI_API_KEY: SECRET },
    })
    expect(route.info).toEqual({
      label: `an OpenAI-compatible service (${emulator.url}/v1)`,
      emulator: false,
      dialects: ['openai'],
      faults: [],
    })
    emulator.reset()
    // A fault asked for is not sent to a real service.
    const { client, relayed } = browserClient(route, { 'x-demo-fault': 'server_error' })
    const result = await client.stream({ messages: QUESTION }).final()
    expect(result.text).toBe('You said: Hello there')
    expect(result.outcome.type).toBe('stop')
    expect(emulator.requests.map((request) => [request.path, request.fault])).toEqual([
      ['/v1/chat/completions', undefined],
    ])
    const log = (await get(route, '/api/log')) as object[]
    expect(log).toMatchObject([{ path: '/v1/chat/completions', status: 200 }])
    expect(log[0]).not.toHaveProperty('fault')
    expect(JSON.stringify([route.info, log, relayed])).not.toContain(SECRET)
    await route.close()
  })

  it('talks to Azure OpenAI with the AZURE_OPENAI_* variables', async () => {
    const env = {
      AZURE_OPENAI_ENDPOINT: emulator.url,
      AZURE_OPENAI_API_KEY: SECRET,
      AZURE_OPENAI_DEPLOYMENT: 'gpt-4o',
    }
    const route = await createChatRoute({ env })
    expect(route.info.label).toBe(`Azure OpenAI (${emulator.url}, gpt-4o)`)
    expect(route.info.dialects).toEqual(['azure'])
    const { client } = browserClient(route)
    expect((await client.stream({ messages: QUESTION }).final()).text).toBe('You said: Hello there')
    await route.close()
  })

  it('a rejected key reaches the page as a typed error, without the key', async () => {
    const wrong = 'sk-wrong-0123456789abcdefWRONGKEY'
    const route = await createChatRoute({
      env: { OPENAI_BASE_URL: `${emulator.url}/v1`, OPENAI_API_KEY: wrong },
    })
    const { client, relayed } = browserClient(route)
    const result = await client.stream({ messages: QUESTION }).final()
    expect(result.outcome.type === 'error' && result.outcome.error).toBeInstanceOf(AuthenticationError)
    expect(JSON.stringify(relayed)).not.toContain('WRONGKEY')
    await route.close()
  })

  it('half a configuration stops it at the start, naming the variable', async () => {
    const failure = await createChatRoute({
      env: { AZURE_OPENAI_ENDPOINT: emulator.url, AZURE_OPENAI_DEPLOYMENT: 'gpt-4o' },
    }).catch((error) => error)
    expect(failure).toBeInstanceOf(ConfigError)
    expect(failure.message).toContain('AZURE_OPENAI_API_KEY is not set')
  })
})

describe('the route on its own emulator', () => {
  let route: ChatRoute
  beforeAll(async () => {
    route = await createChatRoute({ env: {}, tokenDelayMs: 0 })
  })
  afterAll(() => route.close())

  it('offers the three dialects and the faults', () => {
    expect(route.info.emulator).toBe(true)
    expect(route.info.dialects).toEqual(['openai', 'azure', 'inference'])
    expect(route.info.faults.map((fault) => fault.id)).toContain('rate_limit_once')
  })

  it('picks the model itself and passes only the fields the page may set', async () => {
    const { client } = browserClient(route)
    const result = await client.stream({ model: 'gpt-4o', n: 3, messages: QUESTION }).final()
    expect(result.completion.model).toBe('gpt-4o-mini')
    expect(result.completion.choices).toHaveLength(1)
  })

  it('retries a 429 upstream and logs both attempts', async () => {
    const { client } = browserClient(route, { 'x-demo-fault': 'rate_limit_once' })
    const result = await client.stream({ messages: QUESTION }).final()
    expect(result.text).toBe('You said: Hello there')
    const log = (await get(route, '/api/log')) as Array<{ status: number; turn: string }>
    const [first, second] = log.slice(-2)
    expect([first?.status, second?.status]).toEqual([429, 200])
    expect(first?.turn).toBe(second?.turn)
  })

  it('answers a body that is not JSON with a 400 the client reads as a typed error', async () => {
    const response = await route.handle(
      new Request('http://demo.local/api/chat', { method: 'POST', body: '{' }),
    )
    expect(response?.status).toBe(400)
    expect(await response?.json()).toMatchObject({ error: { message: 'The body is not JSON' } })
    expect(route.handle(new Request('http://demo.local/other'))).toBeUndefined()
    expect((await route.handle(new Request('http://demo.local/api/nothing')))?.status).toBe(404)
  })
})
