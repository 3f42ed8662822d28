import { inspect } from 'node:util'
import { InvalidRequestError } from '@chatwire/core'
import { afterEach, describe, expect, it } from 'vitest'
import { openAIEndpoint } from './openai-endpoint.js'

const KEY = 'sk-proj-abcdefghijklmnopqrstuvwxyz0123456789'
const request = { model: 'gpt-4o-mini', messages: [{ role: 'user' as const, content: 'Hi' }] }
const context = (stream: boolean) => ({ stream, signal: new AbortController().signal })

describe('openAIEndpoint', () => {
  it('posts to {baseURL}/chat/completions with a bearer key, organization and project', async () => {
    const endpoint = openAIEndpoint({ apiKey: KEY, organization: 'org-1', project: 'proj_1' })
    expect(await endpoint.prepare(request, context(false))).toEqual({
      url: 'https://api.openai.com/v1/chat/completions',
      headers: {
        authorization: `Bearer ${KEY}`,
        'openai-organization': 'org-1',
        'openai-project': 'proj_1',
      },
      body: request,
    })
  })

  it('joins a base URL with or without a trailing slash, keeping its query', async () => {
    const url = async (baseURL: string) =>
      (await openAIEndpoint({ baseURL }).prepare(request, context(false))).url
    expect(await url('http://127.0.0.1:8080/v1/')).toBe('http://127.0.0.1:8080/v1/chat/completions')
    expect(await url('https://gateway.example/openai/v1?team=a')).toBe(
      'https://gateway.example/openai/v1/chat/completions?team=a',
    )
  })

  it('passes provider extras through untouched', async () => {
    const extras = {
      ...request,
      messages: [{ role: 'developer' as const, content: 'Be brief.' }, ...request.messages],
      reasoning_effort: 'minimal' as const,
      repetition_penalty: 1.1,
      top_k: 40,
    }
    expect((await openAIEndpoint({}).prepare(extras, context(false))).body).toEqual(extras)
  })

  it('refuses a request without a model before sending, at path model', () => {
    const endpoint = openAIEndpoint({ apiKey: KEY })
    const attempt = () => endpoint.prepare({ messages: request.messages }, context(false))
    expect(attempt).toThrow(InvalidRequestError)
    expect(attempt).toThrow(/names no model/)
    try {
      attempt()
    } catch (error) {
      expect((error as InvalidRequestError).path).toBe('model')
    }
  })

  it('lets extra headers override the defaults, lower-cased', async () => {
    const endpoint = openAIEndpoint({
      apiKey: KEY,
      headers: { Authorization: 'Bearer gateway-token', 'X-Team': 'a' },
    })
    const { headers } = await endpoint.prepare(request, context(false))
    expect(headers).toMatchObject({ authorization: 'Bearer gateway-token', 'x-team': 'a' })
    expect(endpoint.secrets?.()).toEqual([KEY, 'Bearer gateway-token', 'gateway-token'])
  })

  it('rejects CR or LF in any header value without showing the value', () => {
    const cases = [
      { apiKey: `${KEY}\r\nx-evil: 1` },
      { organization: 'org\nx' },
      { project: 'p\r' },
      { headers: { 'x-trace': `a\r\nauthorization: Bearer ${KEY}` } },
    ]
    for (const options of cases) {
      expect(() => openAIEndpoint(options)).toThrow(/line break or NUL/)
      try {
        openAIEndpoint(options)
      } catch (error) {
        expect(String(error)).not.toContain(KEY)
        expect(String(error)).not.toContain('evil')
      }
    }
    expect(() => openAIEndpoint({ headers: { 'bad name': 'x' } })).toThrow(/not a valid header name/)
  })

  it('rejects a base URL that is not http(s) or that holds credentials', () => {
    expect(() => openAIEndpoint({ baseURL: 'ftp://example.com' })).toThrow(/http or https/)
    expect(() => openAIEndpoint({ baseURL: 'https://user:secret@example.com/v1' })).toThrow(
      /user name or password/,
    )
    expect(() => openAIEndpoint({ baseURL: 'not a url' })).toThrow(/not a valid URL/)
    expect(() => openAIEndpoint({ apiKey: '  ' })).toThrow(/apiKey is empty/)
  })

  it('holds no credential on the endpoint object', () => {
    const endpoint = openAIEndpoint({ apiKey: KEY, headers: { 'x-api-key': 'other-secret-value' } })
    expect(JSON.stringify(endpoint)).not.toContain(KEY)
    expect(inspect(endpoint, { depth: 10, showHidden: true })).not.toContain(KEY)
    expect(inspect(endpoint, { depth: 10, showHidden: true })).not.toContain('other-secret-value')
    expect(endpoint.secrets?.()).toEqual([KEY, 'other-secret-value'])
  })
})

describe('openAIEndpoint in a browser', () => {
  const scope = globalThis as { document?: unknown }
  afterEach(() => {
    delete scope.document
  })

  it('refuses a secret key unless dangerouslyAllowBrowser is set', () => {
    scope.document = {}
    expect(() => openAIEndpoint({ apiKey: KEY })).toThrow(/dangerouslyAllowBrowser: true/)
    expect(() => openAIEndpoint({ apiKey: KEY, dangerouslyAllowBrowser: true })).not.toThrow()
    // A keyless endpoint (a local server, a proxy that adds the key) is fine anywhere.
    expect(() => openAIEndpoint({ baseURL: 'http://localhost:11434/v1' })).not.toThrow()
  })
})
