import { inspect } from 'node:util'
import { AuthenticationError, type ChatClient, type FetchFunction } from '@chatwire/core'
import { type Emulator, startEmulator } from '@chatwire/emulator'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import {
  type AzureCredentialOptions,
  COGNITIVE_SERVICES_SCOPE,
  type TokenRequest,
} from './azure-credential.js'
import { createAzureInference, createAzureOpenAI } from './create-azure.js'

const KEY = 'azure-good-key-0123456789abcdef'
const WRONG_KEY = 'azure-wrong-key-fedcba9876543210'
const TOKENS = Array.from({ length: 8 }, (_, at) => `entra-token-${at + 1}-0123456789`)
const ask = { messages: [{ role: 'user' as const, content: 'Hello there' }] }
const RETRY_ONCE = { 'x-emulator-fault': 'fail_then_succeed;with=server_error;times=1' }

let emulator: Emulator
beforeAll(async () => {
  emulator = await startEmulator({ port: 0, tokenDelayMs: 0, keys: [KEY, ...TOKENS] })
})
afterAll(() => emulator.close())
beforeEach(() => emulator.reset())

/** A real `fetch` that keeps the auth headers each attempt sent. */
function recordingFetch() {
  const sent: { apiKey: string | null; authorization: string | null }[] = []
  const fetch: FetchFunction = (url, init) => {
    const headers = new Headers(init.headers)
    sent.push({ apiKey: headers.get('api-key'), authorization: headers.get('authorization') })
    return globalThis.fetch(url, init)
  }
  return { fetch, sent }
}

/** A token provider that hands out a new token at each call and keeps what it was asked. */
function tokenProvider() {
  const requests: TokenRequest[] = []
  const getToken = (request: TokenRequest) => {
    requests.push(request)
    return { token: TOKENS[requests.length - 1] as string }
  }
  return { getToken, requests }
}

type CredentialOptions = AzureCredentialOptions & { fetch?: FetchFunction }

/** Each Azure client, with the origin its messages start with. */
const CLIENTS: [string, string, (options: CredentialOptions) => ChatClient][] = [
  [
    'createAzureOpenAI',
    'azure-openai',
    (options) =>
      createAzureOpenAI({ endpoint: emulator.url, deployment: 'gpt-4o-mini', maxRetryDelay: 20, ...options }),
  ],
  [
    'createAzureOpenAI (v1 surface)',
    'azure-openai',
    (options) =>
      createAzureOpenAI({
        endpoint: emulator.url,
        deployment: 'gpt-4o-mini',
        surface: 'v1',
        maxRetryDelay: 20,
        ...options,
      }),
  ],
  [
    'createAzureInference',
    'azure-inference',
    (options) => createAzureInference({ endpoint: emulator.url, maxRetryDelay: 20, ...options }),
  ],
]

describe.each(CLIENTS)('%s credentials against the emulator', (_, origin, create) => {
  it('asks getToken once per attempt, retries included, with the Cognitive Services scope', async () => {
    const { getToken, requests } = tokenProvider()
    const { fetch, sent } = recordingFetch()
    const client = create({ getToken, fetch })
    const { completion } = await client.complete(ask, { headers: RETRY_ONCE, maxRetries: 1 })
    expect(completion.choices[0]?.message.content).toBe('You said: Hello there')
    expect(emulator.requests.map((request) => request.status)).toEqual([500, 200])
    expect(requests.map((request) => request.scope)).toEqual([
      COGNITIVE_SERVICES_SCOPE,
      COGNITIVE_SERVICES_SCOPE,
    ])
    expect(requests.every((request) => request.signal instanceof AbortSignal)).toBe(true)
    // Each attempt carries the token asked for it, and no key.
    expect(sent).toEqual([
      { apiKey: null, authorization: `Bearer ${TOKENS[0]}` },
      { apiKey: null, authorization: `Bearer ${TOKENS[1]}` },
    ])

    emulator.reset()
    const { outcome } = await client.stream(ask, { headers: RETRY_ONCE, maxRetries: 1 }).final()
    expect(outcome.type).toBe('stop')
    expect(requests).toHaveLength(4)
    expect(emulator.requests.map((request) => [request.status, request.streamed])).toEqual([
      [500, true],
      [200, true],
    ])
  })

  it('passes its own scope to getToken when given one', async () => {
    const { getToken, requests } = tokenProvider()
    await create({ getToken, scope: 'api://contoso-gateway/.default' }).complete(ask)
    expect(requests.map((request) => request.scope)).toEqual(['api://contoso-gateway/.default'])
  })

  it('refuses a key and a token provider together before sending anything', () => {
    expect(() => create({ apiKey: KEY, getToken: () => TOKENS[0] })).toThrow(
      new TypeError(
        `${origin}: pass either apiKey (the resource's key) or getToken (a Microsoft Entra ID token provider), not both`,
      ),
    )
    expect(emulator.requests).toHaveLength(0)
  })

  it('throws AuthenticationError for a wrong key, with the key nowhere in the error', async () => {
    const client = create({ apiKey: WRONG_KEY })
    const error = await client.complete(ask).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(AuthenticationError)
    expect(error).toMatchObject({ status: 401, code: '401' })
    const { requestId, headers } = error as AuthenticationError
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/)
    expect(headers?.get('apim-request-id')).toBe(requestId)
    expectNoSecret(error, WRONG_KEY)

    const { outcome } = await client.stream(ask).final()
    expect(outcome.type === 'error' && outcome.error).toBeInstanceOf(AuthenticationError)
    expectNoSecret(outcome.type === 'error' && outcome.error, WRONG_KEY)
  })

  it('throws AuthenticationError for a token the service refuses, with the token nowhere in the error', async () => {
    const refused = 'entra-token-refused-0123456789'
    const error = await create({ getToken: () => refused })
      .complete(ask)
      .catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(AuthenticationError)
    expectNoSecret(error, refused)
  })
})

describe('getModelInfo credentials', () => {
  it('asks getToken once, with the scope, and keeps a wrong key out of its error', async () => {
    const { getToken, requests } = tokenProvider()
    const info = await createAzureInference({ endpoint: emulator.url, getToken }).getModelInfo()
    expect(info.model_name).toBe('Mistral-Large-2411')
    expect(requests.map((request) => request.scope)).toEqual([COGNITIVE_SERVICES_SCOPE])
    const error = await createAzureInference({ endpoint: emulator.url, apiKey: WRONG_KEY })
      .getModelInfo()
      .catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(AuthenticationError)
    expectNoSecret(error, WRONG_KEY)
  })
})

/** Looks for the secret wherever an error can show it: message, stack, cause, its JSON, and inspect(). */
function expectNoSecret(error: unknown, secret: string): void {
  const { message, stack, cause } = error as Error
  const views = [
    message,
    stack,
    inspect(cause, { depth: 8 }),
    JSON.stringify(error),
    inspect(error, { depth: 8, showHidden: true }),
  ]
  for (const view of views) expect(view).not.toContain(secret)
}
