import {
  type ChatClient,
  type ChatCompletionChunk,
  type ChatRequest,
  ContentFilterError,
  decodeSSE,
  NotFoundError,
  readChunks,
  toSSE,
} from '@chatwire/core'
import { type Emulator, startEmulator } from '@chatwire/emulator'
import { DIALECT_SCENARIOS, deltaText, readStream, runScenario } from '@chatwire/testkit'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createAzureOpenAI } from './create-azure.js'
import {
  contentFilterResultsOf,
  contentFilterResultsOfBlock,
  flaggedCategories,
  promptFilterResultsOf,
} from './read-content-filter.js'

const KEY = 'azure-openai-key-0123456789abcdef'
const SAFE = {
  hate: { filtered: false, severity: 'safe' },
  self_harm: { filtered: false, severity: 'safe' },
  sexual: { filtered: false, severity: 'safe' },
  violence: { filtered: false, severity: 'safe' },
}
const SAFE_PROMPT = [
  { prompt_index: 0, content_filter_results: { ...SAFE, jailbreak: { filtered: false, detected: false } } },
]

const SURFACES = {
  deployments: '/openai/deployments/gpt-4o-mini/chat/completions',
  v1: '/openai/v1/chat/completions',
} as const
type Surface = keyof typeof SURFACES

let emulator: Emulator
const clients = {} as Record<Surface, ChatClient>

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, tokenDelayMs: 0, keys: [KEY] })
  for (const surface of ['deployments', 'v1'] as const) {
    clients[surface] = createAzureOpenAI({
      endpoint: emulator.url,
      deployment: 'gpt-4o-mini',
      surface,
      apiKey: KEY,
      maxRetryDelay: 50,
    })
  }
})
afterAll(() => emulator.close())
beforeEach(() => emulator.reset())

// No `model`: the deployment picks it (the v1 surface gets it as `model` from the endpoint).
const ask = (content: string, extra: Partial<ChatRequest> = {}): ChatRequest => ({
  messages: [{ role: 'user', content }],
  ...extra,
})

const drain = (client: ChatClient, request: ChatRequest) => readStream(client.stream(request))

/** The chunks of a stream exactly as the service sent them (relayed through `toSSE()`). */
async function rawChunks(client: ChatClient, request: ChatRequest, headers?: Record<string, string>) {
  const chunks: ChatCompletionChunk[] = []
  for await (const chunk of readChunks(decodeSSE(toSSE(client.stream(request, { headers })))))
    chunks.push(chunk)
  return chunks
}

const text = deltaText

describe.each(['deployments', 'v1'] as const)(
  'createAzureOpenAI (%s surface) against the emulator',
  (surface) => {
    const azure = () => clients[surface]

    for (const scenario of DIALECT_SCENARIOS)
      it(`dialect scenario: ${scenario.name}`, async () => {
        for (const check of await runScenario(scenario, { client: azure, request: ask }))
          expect(check.actual, check.what).toEqual(check.expected)
      })

    it('completes on the deployment, which names its model version', async () => {
      const { completion } = await azure().complete(ask('Hello there'))
      expect(completion.model).toBe('gpt-4o-mini-2024-07-18')
      expect(emulator.requests.map((request) => [request.path, request.dialect])).toEqual([
        [SURFACES[surface], 'azure-openai'],
      ])
    })

    it('leaves usage out of a stream unless stream_options.include_usage asks', async () => {
      const { events, completion } = await drain(azure(), ask('Stream me'))
      expect(text(events)).toBe('You said: Stream me')
      expect(completion.usage).toBeUndefined()
    })

    it("reads Azure's prompt_filter_results first chunk and the choices' verdicts with the typed readers", async () => {
      const chunks = await rawChunks(azure(), ask('Hello there'))
      const [first, role, content] = chunks
      // Azure opens every stream with a chunk that has no choices, no id, and the verdicts on the prompt.
      expect(first).toMatchObject({ id: '', created: 0, choices: [] })
      expect(promptFilterResultsOf(first as ChatCompletionChunk)).toEqual(SAFE_PROMPT)
      expect(contentFilterResultsOf(first as ChatCompletionChunk)).toBeUndefined()
      // The role chunk and the finish chunk carry `content_filter_results: {}`, which reads as no verdict.
      expect(contentFilterResultsOf(role as ChatCompletionChunk)).toBeUndefined()
      expect(contentFilterResultsOf(content as ChatCompletionChunk)).toEqual(SAFE)
      expect(contentFilterResultsOf(chunks.at(-1) as ChatCompletionChunk)).toBeUndefined()

      const { completion: whole } = await azure().complete(ask('Hello there'))
      expect(promptFilterResultsOf(whole)).toEqual(SAFE_PROMPT)
      expect(contentFilterResultsOf(whole)).toEqual(SAFE)
      const { completion } = await drain(azure(), ask('Hello there'))
      expect(promptFilterResultsOf(completion)).toEqual(SAFE_PROMPT)
      expect(contentFilterResultsOf(completion)).toEqual(SAFE)
    })

    it('gives each of n > 1 choices its own verdicts', async () => {
      const { completion } = await drain(azure(), ask('Two ways', { n: 2 }))
      expect([0, 1].map((choice) => contentFilterResultsOf(completion, choice))).toEqual([SAFE, SAFE])
    })

    it.each([
      ['innererror', 'content_filter_prompt;category=jailbreak'],
      ['inner_error', 'content_filter_prompt;category=jailbreak;variant=inner_error'],
    ])(
      'throws a ContentFilterError with typed verdicts when the prompt is filtered (%s)',
      async (_, fault) => {
        const headers = { 'x-emulator-fault': fault }
        const error = await azure()
          .complete(ask('Hello there'), { headers })
          .catch((caught: unknown) => caught)
        expect(error).toBeInstanceOf(ContentFilterError)
        expect(error).toMatchObject({ status: 400, code: 'content_filter' })
        const results = contentFilterResultsOfBlock(error as ContentFilterError)
        expect(results?.jailbreak).toEqual({ filtered: true, detected: true })
        expect(flaggedCategories(results).filtered).toEqual(['jailbreak'])

        const { outcome } = await azure().stream(ask('Hello there'), { headers }).final()
        expect(outcome.type === 'error' && outcome.error).toBeInstanceOf(ContentFilterError)
        expect(
          outcome.type === 'error' && contentFilterResultsOfBlock(outcome.error as ContentFilterError),
        ).toEqual(results)
      },
    )

    it('ends with outcome content_filter and the partial text when the completion is filtered', async () => {
      const headers = { 'x-emulator-fault': 'content_filter_completion;after=3;category=violence' }
      const { completion: whole } = await azure().complete(ask('one two three four'), { headers })
      expect(whole.choices[0]).toMatchObject({
        message: { content: 'You said:' },
        finish_reason: 'content_filter',
      })
      expect(flaggedCategories(contentFilterResultsOf(whole)).filtered).toEqual(['violence'])

      const stream = azure().stream(ask('one two three four'), { headers })
      let streamed = ''
      for await (const event of stream) if (event.type === 'content.delta') streamed += event.delta
      const { completion, outcome } = await stream.final()
      expect(streamed).toBe('You said:')
      expect(outcome.type).toBe('content_filter')
      expect(completion.choices[0]?.message.content).toBe('You said:')
      // The verdict arrives on the finish chunk; the outcome carries the choice's verdicts, typed by the reader.
      const results = outcome.type === 'content_filter' ? contentFilterResultsOfBlock(outcome) : undefined
      expect(results?.violence).toEqual({ filtered: true, severity: 'high' })
      expect(contentFilterResultsOf(completion)?.violence).toEqual({ filtered: true, severity: 'high' })
    })

    it('throws NotFoundError for an unknown deployment, with the apim-request-id as requestId', async () => {
      const missing = createAzureOpenAI({
        endpoint: emulator.url,
        deployment: 'gpt-99',
        surface,
        apiKey: KEY,
      })
      const error = await missing.complete(ask('Hi')).catch((caught: unknown) => caught)
      expect(error).toBeInstanceOf(NotFoundError)
      expect(error).toMatchObject({ status: 404, code: 'DeploymentNotFound' })
      const { requestId, headers } = error as NotFoundError
      expect(requestId).toMatch(/^[0-9a-f-]{36}$/)
      expect(headers?.get('apim-request-id')).toBe(requestId)
      expect(headers?.get('x-request-id')).toBe(requestId)
      const { outcome } = await missing.stream(ask('Hi')).final()
      expect(outcome).toMatchObject({
        type: 'error',
        error: { name: 'NotFoundError', code: 'DeploymentNotFound' },
      })
    })
  },
)

describe('createAzureOpenAI api-versions against the emulator', () => {
  it('sends the api-version it is given, and names api-version when the service refuses it', async () => {
    const preview = createAzureOpenAI({
      endpoint: emulator.url,
      deployment: 'gpt-4o',
      apiVersion: '2025-04-01-preview',
      apiKey: KEY,
    })
    expect((await preview.complete(ask('Hi'))).completion.model).toBe('gpt-4o-2024-11-20')
    const v1 = createAzureOpenAI({
      endpoint: emulator.url,
      deployment: 'gpt-4o',
      surface: 'v1',
      apiVersion: 'preview',
      apiKey: KEY,
    })
    expect((await v1.complete(ask('Hi'))).completion.model).toBe('gpt-4o-2024-11-20')
    const unknown = createAzureOpenAI({
      endpoint: emulator.url,
      deployment: 'gpt-4o',
      apiVersion: '2019-01-01',
      apiKey: KEY,
    })
    await expect(unknown.complete(ask('Hi'))).rejects.toMatchObject({
      name: 'InvalidRequestError',
      status: 400,
      code: 'BadRequest',
      path: 'api-version',
    })
  })
})

describe('createAzureOpenAI endpoints', () => {
  it("refuses a request URL (the portal's Target URI) before anything is sent, and serves the resource's", async () => {
    const target = `${emulator.url}${SURFACES.deployments}?api-version=2025-01-01-preview`
    for (const endpoint of [target, `${emulator.url}/openai`])
      expect(() => createAzureOpenAI({ endpoint, deployment: 'gpt-4o-mini', apiKey: KEY })).toThrow(
        `its path holds /openai, which the client adds itself (the Target URI of the portal is the URL of a request). Pass endpoint: '${emulator.url}', with deployment and apiVersion as options`,
      )
    expect(emulator.requests).toEqual([])
    const resource = createAzureOpenAI({
      endpoint: `${emulator.url}/`,
      deployment: 'gpt-4o-mini',
      apiKey: KEY,
    })
    expect((await resource.complete(ask('Hi'))).completion.model).toBe('gpt-4o-mini-2024-07-18')
    expect(emulator.requests.map((request) => request.path)).toEqual([SURFACES.deployments])
  })
})
