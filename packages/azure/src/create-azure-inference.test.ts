import {
  AbortError,
  type ChatCompletionChunk,
  type ChatRequest,
  ContentFilterError,
  decodeSSE,
  type FetchFunction,
  InvalidRequestError,
  NotFoundError,
  readChunks,
  toSSE,
} from '@chatwire/core'
import { DROPPED_HEADER, type Emulator, PASSED_HEADER, startEmulator } from '@chatwire/emulator'
import {
  DIALECT_SCENARIOS,
  type DialectScenario,
  deltaText,
  readStream,
  runScenario,
} from '@chatwire/testkit'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { AzureInferenceChatRequest } from './azure-request.js'
import {
  type AzureInferenceClient,
  type AzureInferenceOptions,
  createAzureInference,
} from './create-azure.js'
import {
  contentFilterResultsOf,
  contentFilterResultsOfBlock,
  flaggedCategories,
  promptFilterResultsOf,
} from './read-content-filter.js'

const KEY = 'azure-inference-key-0123456789abcdef'
let emulator: Emulator
let inference: AzureInferenceClient

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, tokenDelayMs: 0, keys: [KEY] })
  inference = client()
})
afterAll(() => emulator.close())
beforeEach(() => emulator.reset())

function client(options: Partial<AzureInferenceOptions> = {}): AzureInferenceClient {
  return createAzureInference({
    endpoint: `${emulator.url}/models`,
    apiKey: KEY,
    maxRetryDelay: 50,
    ...options,
  })
}

/** A real `fetch` that keeps the headers of each reply, for the emulator's report on extra parameters. */
function recordingFetch() {
  const replies: Headers[] = []
  const fetch: FetchFunction = async (url, init) => {
    const response = await globalThis.fetch(url, init)
    replies.push(response.headers)
    return response
  }
  return { fetch, replies }
}

const ask = (content: string, extra: Partial<AzureInferenceChatRequest> = {}): AzureInferenceChatRequest => ({
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

/** The client for a shared scenario: one that lets its extra parameters (n) pass to the model, if it has any. */
const passingExtras = (scenario: DialectScenario) =>
  scenario.extraParameters ? client({ extraParameters: 'pass-through' }) : inference

const drain = (request: ChatRequest, on: AzureInferenceClient = inference) => readStream(on.stream(request))
const text = deltaText

describe('createAzureInference against the emulator', () => {
  for (const scenario of DIALECT_SCENARIOS)
    it(`dialect scenario: ${scenario.name}`, async () => {
      for (const check of await runScenario(scenario, { client: passingExtras, request: ask }))
        expect(check.actual, check.what).toEqual(check.expected)
    })

  it("completes with the endpoint's default model, without Azure OpenAI's verdicts", async () => {
    const { completion } = await inference.complete(ask('Hello there'))
    expect(completion.model).toBe('Mistral-Large-2411')
    expect(promptFilterResultsOf(completion)).toBeUndefined()
    expect(contentFilterResultsOf(completion)).toBeUndefined()
    expect(emulator.requests.map((request) => [request.path, request.dialect])).toEqual([
      ['/models/chat/completions', 'model-inference'],
    ])
  })

  it('sends the model of the options, unless the request names its own', async () => {
    const deepseek = client({ model: 'DeepSeek-R1' })
    expect((await deepseek.complete(ask('Hi'))).completion.model).toBe('DeepSeek-R1')
    expect((await deepseek.complete(ask('Hi', { model: 'Mistral-Large-2411' }))).completion.model).toBe(
      'Mistral-Large-2411',
    )
  })

  it('ends every stream with usage, stream_options included or not', async () => {
    const { completion: whole } = await inference.complete(ask('Stream me'))
    // Model Inference ends every stream with usage; `stream_options` is not one of its parameters, and the
    // endpoint leaves it out rather than have the service reject it as an extra.
    const { events, completion, outcome } = await drain(ask('Stream me'))
    expect(text(events)).toBe('You said: Stream me')
    expect(completion.usage).toEqual(whole.usage)
    expect(outcome.type).toBe('stop')
    const strict = await drain(
      ask('Stream me', { stream_options: { include_usage: true } }),
      client({ extraParameters: 'error' }),
    )
    expect(strict.completion.usage).toEqual(whole.usage)
  })

  it('hands stream_options to the model when extra parameters pass through', async () => {
    const { fetch, replies } = recordingFetch()
    const passing = client({ extraParameters: 'pass-through', fetch })
    const { completion: whole } = await passing.complete(ask('Stream me'))
    const { completion } = await drain(ask('Stream me', { stream_options: { include_usage: true } }), passing)
    expect(completion.usage).toEqual(whole.usage)
    expect(replies.map((headers) => headers.get(PASSED_HEADER))).toEqual([null, 'stream_options'])
  })

  it('sends streamed tool calls whole and without index', async () => {
    const stream = inference.stream(ask('What is the weather in Paris and Tokyo?', { tools: [weatherTool] }))
    const chunks: ChatCompletionChunk[] = []
    for await (const chunk of readChunks(decodeSSE(toSSE(stream)))) chunks.push(chunk)
    const sent = chunks.flatMap((chunk) => chunk.choices.flatMap((choice) => choice.delta?.tool_calls ?? []))
    expect(sent.map((call) => ['index' in call, call.function?.arguments])).toEqual([
      [false, '{"location":"Paris"}'],
      [false, '{"location":"Tokyo"}'],
    ])
  })

  it('streams the reasoning_content of DeepSeek-R1 as reasoning.delta events before the answer', async () => {
    const request = ask('Hello there', { model: 'DeepSeek-R1' })
    const { completion: whole } = await inference.complete(request)
    const reasoning = whole.choices[0]?.message.reasoning_content
    expect(reasoning).toBe(
      'The user wrote "Hello there". No tool is needed, so I will repeat the words back.',
    )
    const { events, completion } = await drain(request)
    expect(text(events, 0, 'reasoning.delta')).toBe(reasoning)
    const runs = events.map((event) => event.type).filter((type, at, types) => type !== types[at - 1])
    expect(runs).toEqual(['reasoning.delta', 'content.delta', 'finish'])
    expect(completion.choices[0]?.message).toEqual(whole.choices[0]?.message)
    expect(completion.usage).toEqual(whole.usage)
  })

  it('throws a 422 InvalidRequestError naming each extra parameter when none may pass (detail)', async () => {
    const one = await inference.complete(ask('Hi', { n: 2 })).catch((caught: unknown) => caught)
    expect(one).toBeInstanceOf(InvalidRequestError)
    expect(one).toMatchObject({
      status: 422,
      code: 'extra_parameters_not_allowed',
      path: 'n',
      issues: [{ path: 'n', message: 'Extra parameter not allowed' }],
    })
    const several = await client({ extraParameters: 'error' })
      .complete(ask('Hi', { n: 2, safe_prompt: true }))
      .catch((caught: unknown) => caught)
    expect((several as InvalidRequestError).issues.map((issue) => issue.path)).toEqual(['n', 'safe_prompt'])
    expect((several as InvalidRequestError).message).toContain("Extra parameters ['n', 'safe_prompt']")
  })

  it("reads the service's own validation 422 (detail.loc) into the path of the bad field", async () => {
    const bad = { messages: [{ role: 'wizard', content: 'x' }] } as unknown as Parameters<
      typeof inference.complete
    >[0]
    const error = await inference.complete(bad, { validate: false }).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(InvalidRequestError)
    expect(error).toMatchObject({ status: 422, code: 'invalid_value', path: 'messages[0].role' })
  })

  it('aborts getModelInfo with an AbortError that keeps the reason', async () => {
    const controller = new AbortController()
    controller.abort('leaving')
    const error = await inference
      .getModelInfo({ signal: controller.signal })
      .catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(AbortError)
    expect(error).toMatchObject({ reason: 'leaving' })
  })

  it('drops extra parameters when told to: one choice, and the service says what it dropped', async () => {
    const { fetch, replies } = recordingFetch()
    const dropping = client({ extraParameters: 'drop', fetch })
    const { completion } = await dropping.complete(ask('Two ways', { n: 2, safe_prompt: true }))
    expect(completion.choices.map((choice) => choice.message.content)).toEqual(['You said: Two ways'])
    expect(replies.map((headers) => headers.get(DROPPED_HEADER))).toEqual(['n,safe_prompt'])
  })

  it('describes the model behind the endpoint with getModelInfo, through the client fetch', async () => {
    const { fetch, replies } = recordingFetch()
    expect(await client({ fetch }).getModelInfo()).toEqual({
      model_name: 'Mistral-Large-2411',
      model_type: 'chat-completion',
      model_provider_name: 'Mistral',
    })
    expect(replies).toHaveLength(1)
    expect(emulator.requests.map((request) => [request.method, request.path])).toEqual([
      ['GET', '/models/info'],
    ])
  })

  it('throws a ContentFilterError with typed verdicts when the prompt is filtered', async () => {
    const headers = { 'x-emulator-fault': 'content_filter_prompt;category=hate;severity=high' }
    const error = await inference.complete(ask('Hi'), { headers }).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(ContentFilterError)
    expect(error).toMatchObject({ status: 400, code: 'content_filter' })
    const results = contentFilterResultsOfBlock(error as ContentFilterError)
    expect(results?.hate).toEqual({ filtered: true, severity: 'high' })
    expect(flaggedCategories(results).filtered).toEqual(['hate'])
    const { outcome } = await inference.stream(ask('Hi'), { headers }).final()
    expect(outcome.type === 'error' && outcome.error).toBeInstanceOf(ContentFilterError)
  })

  it('ends with outcome content_filter and the partial text when the completion is filtered', async () => {
    const headers = { 'x-emulator-fault': 'content_filter_completion;after=3' }
    const { completion: whole } = await inference.complete(ask('one two three four'), { headers })
    expect(whole.choices[0]).toMatchObject({
      message: { content: 'You said:' },
      finish_reason: 'content_filter',
    })
    const stream = inference.stream(ask('one two three four'), { headers })
    let streamed = ''
    for await (const event of stream) if (event.type === 'content.delta') streamed += event.delta
    const { completion, outcome } = await stream.final()
    expect(streamed).toBe('You said:')
    expect(completion.choices[0]?.message.content).toBe('You said:')
    // Model Inference says that the reply was filtered, but not by which category.
    expect(outcome).toMatchObject({ type: 'content_filter', results: undefined })
  })

  it('throws NotFoundError for an unknown model, with the apim-request-id as requestId', async () => {
    const error = await inference
      .complete(ask('Hi', { model: 'Llama-99' }))
      .catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(NotFoundError)
    expect(error).toMatchObject({
      status: 404,
      code: 'unknown_model',
      message: '404 Not Found: Unknown model: Llama-99',
    })
    const { requestId, headers } = error as NotFoundError
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/)
    expect(headers?.get('apim-request-id')).toBe(requestId)
    expect(headers?.get('x-request-id')).toBe(requestId)
  })
})
