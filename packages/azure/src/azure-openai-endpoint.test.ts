import { inspect } from 'node:util'
import { AuthenticationError } from '@chatwire/core'
import { afterEach, describe, expect, it } from 'vitest'
import { COGNITIVE_SERVICES_SCOPE, type TokenRequest } from './azure-credential.js'
import { azureOpenAIEndpoint } from './azure-openai-endpoint.js'

const KEY = '0123456789abcdef0123456789abcdef'
const request = { messages: [{ role: 'user' as const, content: 'Hi' }] }
const context = (stream = false) => ({ stream, signal: new AbortController().signal })
const endpoint = 'https://contoso.openai.azure.com'

describe('azureOpenAIEndpoint: URL', () => {
  it('posts to the deployment with the GA api-version and the api-key header', async () => {
    const prepared = await azureOpenAIEndpoint({ endpoint, deployment: 'gpt-4o-mini', apiKey: KEY }).prepare(
      request,
      context(),
    )
    expect(prepared).toEqual({
      url: 'https://contoso.openai.azure.com/openai/deployments/gpt-4o-mini/chat/completions?api-version=2024-10-21',
      headers: { 'api-key': KEY },
      body: request,
    })
  })

  it('builds the endpoint from resourceName, and accepts previews', async () => {
    const prepared = await azureOpenAIEndpoint({
      resourceName: 'contoso',
      deployment: 'gpt-4o',
      apiVersion: '2025-04-01-preview',
      apiKey: KEY,
    }).prepare(request, context())
    expect(prepared.url).toBe(
      'https://contoso.openai.azure.com/openai/deployments/gpt-4o/chat/completions?api-version=2025-04-01-preview',
    )
  })

  it('URL-encodes the deployment name', async () => {
    const prepared = await azureOpenAIEndpoint({
      endpoint,
      deployment: 'my model?x=1#y',
      apiKey: KEY,
    }).prepare(request, context())
    expect(new URL(prepared.url).pathname).toBe('/openai/deployments/my%20model%3Fx%3D1%23y/chat/completions')
    expect(new URL(prepared.url).searchParams.get('api-version')).toBe('2024-10-21')
  })

  it.each(['', '  ', '.', '..', '../admin', 'a/b', 'a\\b', 'gpt..4', 'x\ny'])(
    'refuses the deployment name %j, which could leave its path segment',
    (deployment) => {
      expect(() => azureOpenAIEndpoint({ endpoint, deployment, apiKey: KEY })).toThrow(/deployment/)
    },
  )

  const OPENAI_PATH =
    'its path holds /openai, which the client adds itself (the Target URI of the portal is the URL of a request)'
  const QUERY = 'it has a query, which the client writes itself (the api-version is the option apiVersion)'
  const AZURE_PATH = 'it has a path, and an Azure resource endpoint has none'
  it.each([
    // The portal's Target URI, pasted whole.
    [
      'https://contoso.openai.azure.com/openai/deployments/gpt-4o-mini/chat/completions?api-version=2025-01-01-preview',
      OPENAI_PATH,
      'https://contoso.openai.azure.com',
    ],
    ['https://contoso.openai.azure.com/openai', OPENAI_PATH, 'https://contoso.openai.azure.com'],
    ['https://contoso.openai.azure.com/openai/', OPENAI_PATH, 'https://contoso.openai.azure.com'],
    ['https://contoso.openai.azure.com/openai/v1', OPENAI_PATH, 'https://contoso.openai.azure.com'],
    [
      'https://contoso.openai.azure.com/?api-version=2025-01-01-preview',
      QUERY,
      'https://contoso.openai.azure.com',
    ],
    ['https://contoso.openai.azure.com/foo', AZURE_PATH, 'https://contoso.openai.azure.com'],
    [
      'https://contoso.cognitiveservices.azure.com/openai/deployments/gpt-4o-mini',
      OPENAI_PATH,
      'https://contoso.cognitiveservices.azure.com',
    ],
    [
      'https://contoso.services.ai.azure.com/models',
      `${AZURE_PATH} (/models is the endpoint of Azure AI Model Inference, which createAzureInference takes)`,
      'https://contoso.services.ai.azure.com',
    ],
    // A gateway on its own domain keeps its own path.
    ['https://gateway.contoso.com/team-a/openai', OPENAI_PATH, 'https://gateway.contoso.com/team-a'],
    ['https://gateway.example.com/openai', OPENAI_PATH, 'https://gateway.example.com'],
  ])('refuses the endpoint %s, saying what is wrong with it and what to pass', (url, what, instead) => {
    const build = () => azureOpenAIEndpoint({ endpoint: url, deployment: 'gpt-4o-mini', apiKey: KEY })
    expect(build).toThrow(TypeError)
    expect(build).toThrow(
      `azure-openai: endpoint must be the resource endpoint (https://{resource}.openai.azure.com, or a gateway's base URL), not the URL of a request: ${what}. Pass endpoint: '${instead}', with deployment and apiVersion as options`,
    )
  })

  it('never quotes the query of an endpoint it refuses, which may hold a key', () => {
    for (const endpoint of [
      `https://contoso.openai.azure.com/openai/deployments/d/chat/completions?api-key=${KEY}`,
      `https://gateway.contoso.com/openai?${KEY}`,
      `https://gateway.contoso.com/team?code=${KEY}`,
    ]) {
      expect(() => azureOpenAIEndpoint({ endpoint, deployment: 'd', apiKey: 'k' })).toThrow(TypeError)
      try {
        azureOpenAIEndpoint({ endpoint, deployment: 'd', apiKey: 'k' })
      } catch (error) {
        expect(String(error)).not.toContain(KEY.slice(0, 10))
      }
    }
  })

  it.each([
    [
      'https://contoso.openai.azure.com/',
      'https://contoso.openai.azure.com/openai/deployments/d/chat/completions',
    ],
    [
      'https://contoso.services.ai.azure.com',
      'https://contoso.services.ai.azure.com/openai/deployments/d/chat/completions',
    ],
    // A gateway on its own domain may serve the resource under a path of its own.
    [
      'https://gateway.contoso.com/team-a/',
      'https://gateway.contoso.com/team-a/openai/deployments/d/chat/completions',
    ],
    [
      'https://gateway.contoso.com/openai-gw',
      'https://gateway.contoso.com/openai-gw/openai/deployments/d/chat/completions',
    ],
  ])('takes the endpoint %s', async (url, posted) => {
    const prepared = await azureOpenAIEndpoint({ endpoint: url, deployment: 'd', apiKey: KEY }).prepare(
      request,
      context(),
    )
    expect(prepared.url).toBe(`${posted}?api-version=2024-10-21`)
  })

  it('serves the v1 surface with the deployment as model and no api-version', async () => {
    for (const options of [{ apiVersion: 'v1' }, { surface: 'v1' as const }]) {
      const prepared = await azureOpenAIEndpoint({
        endpoint,
        deployment: 'gpt-4o',
        apiKey: KEY,
        ...options,
      }).prepare(request, context(true))
      expect(prepared.url).toBe('https://contoso.openai.azure.com/openai/v1/chat/completions')
      expect(prepared.body).toEqual({ ...request, model: 'gpt-4o' })
    }
    const preview = await azureOpenAIEndpoint({
      endpoint,
      deployment: 'gpt-4o',
      apiKey: KEY,
      surface: 'v1',
      apiVersion: 'preview',
    }).prepare({ ...request, model: 'o3-mini' }, context())
    expect(preview.url).toBe(
      'https://contoso.openai.azure.com/openai/v1/chat/completions?api-version=preview',
    )
    expect(preview.body.model).toBe('o3-mini')
  })

  it('refuses api-versions of the wrong surface', () => {
    expect(() =>
      azureOpenAIEndpoint({
        endpoint,
        deployment: 'd',
        apiKey: KEY,
        surface: 'v1',
        apiVersion: '2024-10-21',
      }),
    ).toThrow(/v1 surface takes no dated api-version/)
    expect(() =>
      azureOpenAIEndpoint({ endpoint, deployment: 'd', apiKey: KEY, apiVersion: 'preview' }),
    ).toThrow(/surface: 'v1'/)
  })

  it('wants exactly one of endpoint and resourceName, and a plain resource name', () => {
    expect(() => azureOpenAIEndpoint({ deployment: 'd', apiKey: KEY })).toThrow(
      'azure-openai: pass endpoint (https://{resource}.openai.azure.com) or resourceName',
    )
    expect(() => azureOpenAIEndpoint({ endpoint, resourceName: 'x', deployment: 'd', apiKey: KEY })).toThrow(
      'azure-openai: pass either endpoint or resourceName, not both',
    )
    expect(() => azureOpenAIEndpoint({ resourceName: 'evil.com/x', deployment: 'd', apiKey: KEY })).toThrow(
      /resourceName/,
    )
  })
})

describe('azureOpenAIEndpoint: credentials', () => {
  it('asks getToken for a bearer token before every attempt, with the default scope', async () => {
    const asked: TokenRequest[] = []
    let n = 0
    const azure = azureOpenAIEndpoint({
      endpoint,
      deployment: 'gpt-4o-mini',
      getToken: async (tokenRequest) => {
        asked.push(tokenRequest)
        n += 1
        return `eyJ0eXAiOiJKV1QifQ.eyJ0b2tlbiI6${n}.sig`
      },
    })
    const first = await azure.prepare(request, context())
    const second = await azure.prepare(request, context())
    expect(first.headers.authorization).toBe('Bearer eyJ0eXAiOiJKV1QifQ.eyJ0b2tlbiI61.sig')
    expect(second.headers.authorization).toBe('Bearer eyJ0eXAiOiJKV1QifQ.eyJ0b2tlbiI62.sig')
    expect(first.headers).not.toHaveProperty('api-key')
    expect(asked.map((item) => item.scope)).toEqual([COGNITIVE_SERVICES_SCOPE, COGNITIVE_SERVICES_SCOPE])
    expect(asked[0]?.signal).toBeInstanceOf(AbortSignal)
    expect(azure.secrets?.()).toEqual([
      'eyJ0eXAiOiJKV1QifQ.eyJ0b2tlbiI61.sig',
      'eyJ0eXAiOiJKV1QifQ.eyJ0b2tlbiI62.sig',
    ])
  })

  it('takes an AccessToken object and a custom scope', async () => {
    const scopes: string[] = []
    const azure = azureOpenAIEndpoint({
      endpoint,
      deployment: 'd',
      scope: 'api://custom/.default',
      getToken: ({ scope }) => {
        scopes.push(scope)
        return { token: 'token-from-credential', expiresOnTimestamp: Date.now() + 60_000 }
      },
    })
    expect((await azure.prepare(request, context())).headers.authorization).toBe(
      'Bearer token-from-credential',
    )
    expect(scopes).toEqual(['api://custom/.default'])
  })

  it('turns a failing or empty token provider into an AuthenticationError', async () => {
    const failing = azureOpenAIEndpoint({
      endpoint,
      deployment: 'd',
      getToken: () => {
        throw new Error('CredentialUnavailableError: no credential in the chain')
      },
    })
    await expect(failing.prepare(request, context())).rejects.toThrow(AuthenticationError)
    await expect(failing.prepare(request, context())).rejects.toThrow(
      /getToken failed: CredentialUnavailableError/,
    )
    const empty = azureOpenAIEndpoint({ endpoint, deployment: 'd', getToken: () => null })
    await expect(empty.prepare(request, context())).rejects.toThrow(/returned no token/)
    const broken = azureOpenAIEndpoint({ endpoint, deployment: 'd', getToken: () => 'abc\r\nx-evil: 1' })
    await expect(broken.prepare(request, context())).rejects.toThrow(AuthenticationError)
    await expect(broken.prepare(request, context())).rejects.toThrow(/line break/)
    await expect(broken.prepare(request, context())).rejects.not.toThrow(/evil/)
  })

  it('refuses a key and a token together, and neither', () => {
    expect(() =>
      azureOpenAIEndpoint({ endpoint, deployment: 'd', apiKey: KEY, getToken: () => 't' }),
    ).toThrow(/either apiKey .* or getToken .*, not both/)
    expect(() => azureOpenAIEndpoint({ endpoint, deployment: 'd' })).toThrow(
      /pass either apiKey .* or getToken/,
    )
  })

  it('rejects CR or LF in the key and in headers without showing them', () => {
    for (const options of [
      { apiKey: `${KEY}\nx` },
      { apiKey: KEY, headers: { 'x-ms-client': `a\r\n${KEY}` } },
    ]) {
      expect(() => azureOpenAIEndpoint({ endpoint, deployment: 'd', ...options })).toThrow(/line break/)
      try {
        azureOpenAIEndpoint({ endpoint, deployment: 'd', ...options })
      } catch (error) {
        expect(String(error)).not.toContain(KEY)
      }
    }
  })

  it('holds no credential on the endpoint object', () => {
    const azure = azureOpenAIEndpoint({ endpoint, deployment: 'd', apiKey: KEY })
    expect(JSON.stringify(azure)).not.toContain(KEY)
    expect(inspect(azure, { depth: 10, showHidden: true })).not.toContain(KEY)
    expect(azure.secrets?.()).toEqual([KEY])
  })
})

describe('azureOpenAIEndpoint in a browser', () => {
  const scope = globalThis as { document?: unknown }
  afterEach(() => {
    delete scope.document
  })

  it('refuses an api key unless dangerouslyAllowBrowser is set; tokens need no flag', () => {
    scope.document = {}
    expect(() => azureOpenAIEndpoint({ endpoint, deployment: 'd', apiKey: KEY })).toThrow(
      /dangerouslyAllowBrowser/,
    )
    expect(() =>
      azureOpenAIEndpoint({ endpoint, deployment: 'd', apiKey: KEY, dangerouslyAllowBrowser: true }),
    ).not.toThrow()
    expect(() =>
      azureOpenAIEndpoint({ endpoint, deployment: 'd', getToken: () => 'user-token' }),
    ).not.toThrow()
  })
})
