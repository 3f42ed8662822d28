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
import { deltaText, readStream } from '@chatwire/testkit'
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

const weatherTool = {
  type: 'function' as const,
  function: {
    name: 'get_weather',
    parameters: { type: 'object', properties: { location: { type: 'string' } }, required: ['location'] },
  },
}

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

    it('completes a plain request on the deployment, which names its model version', async () => {
      const { completion } = await azure().complete(ask('Hello there'))
      expect(completion).toMatchObject({
        object: 'chat.completion',
        model: 'gpt-4o-mini-2024-07-18',
        choices: [
          {
            index: 0,
            message: { role: 'assistant', content: 'You said: Hello there' },
            finish_reason: 'stop',
          },
        ],
        usage: { prompt_tokens: 8, completion_tokens: 5, total_tokens: 13 },
      })
      expect(emulator.requests.map((request) => [request.path, request.dialect])).toEqual([
        [SURFACES[surface], 'azure-openai'],
      ])
    })

    it('streams the same text as complete(), with usage only when stream_options.include_usage asks', async () => {
      const { completion: whole } = await azure().complete(ask('Stream me'))
      const withUsage = await drain(azure(), ask('Stream me', { stream_options: { include_usage: true } }))
      expect(text(withUsage.events)).toBe('You said: Stream me')
      expect(withUsage.completion.choices[0]?.message.content).toBe(whole.choices[0]?.message.content)
      expect(withUsage.completion.usage).toEqual(whole.usage)
      expect(withUsage.outcome.type).toBe('stop')
      const without = await drain(azure(), ask('Stream me'))
      expect(text(without.events)).toBe('You said: Stream me')
      expect(without.completion.usage).toBeUndefined()
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

    it('calls tools in parallel, streamed or not, with the same ids and parsed arguments', async () => {
      const request = ask('What is the weather in Paris and Tokyo?', { tools: [weatherTool] })
      const { completion: whole } = await azure().complete(request)
      expect(whole.choices[0]?.finish_reason).toBe('tool_calls')
      const { events, outcome } = await drain(azure(), request)
      const done = events.filter((event) => event.type === 'tool_call.done')
      expect(
        done.map((event) => event.type === 'tool_call.done' && [event.toolIndex, event.arguments]),
      ).toEqual([
        [0, '{"location":"Paris"}'],
        [1, '{"location":"Tokyo"}'],
      ])
      expect(outcome.type === 'tool_calls' && outcome.calls.map((call) => [call.name, call.input])).toEqual([
        ['get_weather', { location: 'Paris' }],
        ['get_weather', { location: 'Tokyo' }],
      ])
      expect(outcome.type === 'tool_calls' && outcome.calls.map((call) => call.id)).toEqual(
        whole.choices[0]?.message.tool_calls?.map((call) => call.id),
      )
    })

    it('answers json_schema with JSON that follows the schema', async () => {
      const schema = {
        type: 'object',
        properties: { city: { type: 'string' }, days: { type: 'integer', minimum: 1, maximum: 7 } },
        required: ['city', 'days'],
        additionalProperties: false,
      }
      const request = ask('Plan Rome', {
        response_format: { type: 'json_schema', json_schema: { name: 'plan', strict: true, schema } },
      })
      const { completion: whole } = await azure().complete(request)
      const { completion } = await drain(azure(), request)
      expect(JSON.parse(whole.choices[0]?.message.content as string)).toEqual({ city: 'Plan Rome', days: 7 })
      expect(completion.choices[0]?.message.content).toBe(whole.choices[0]?.message.content)
    })

    it('keeps n > 1 choices apart, each with its own verdicts and outcome', async () => {
      const request = ask('Two ways', { n: 2 })
      const { completion: whole } = await azure().complete(request)
      const { events, completion, outcomes } = await drain(azure(), request)
      expect(whole.choices.map((choice) => choice.message.content)).toEqual([
        'You said: Two ways',
        'I heard: Two ways',
      ])
      expect([0, 1].map((choice) => text(events, choice))).toEqual(
        whole.choices.map((choice) => choice.message.content),
      )
      expect(outcomes.map((outcome) => outcome.type)).toEqual(['stop', 'stop'])
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
