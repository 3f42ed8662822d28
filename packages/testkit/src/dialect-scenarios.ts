// What every adapter must make of the same requests, as a table that each adapter's tests run through its own
// client against the emulator: the scripted model answers them alike in every dialect, so `complete()` and
// `stream()` must come to the same values whatever the wire. Structural types only, so that this package
// depends on neither core nor vitest: a test file runs `runScenario` and compares each check it returns.

import { deltaText, readStream } from './read-stream.js'

/** A tool call as a completion's message carries it. */
interface MessageToolCall {
  id: string
  function: { name: string; arguments: string }
}

/** What a scenario reads of a completion (core's `ChatCompletion` fits). */
export interface ScenarioCompletion {
  object?: unknown
  choices: readonly {
    index: number
    message: { role?: unknown; content?: unknown; tool_calls?: readonly MessageToolCall[] | null }
    finish_reason?: unknown
  }[]
  usage?: unknown
}

/** What a scenario reads of an outcome (core's `ChoiceOutcome` fits). */
export interface ScenarioOutcome {
  type: string
  choice?: number
  calls?: readonly { id: string; name: string; input: unknown }[]
}

/** What a scenario reads of a stream event (core's `ChatEvent` fits). */
export interface ScenarioEvent {
  type: string
  choiceIndex?: number
  toolIndex?: number
  arguments?: string
}

/** What `complete()` and `final()` resolve with (core's `ChatResult` fits). */
export interface ScenarioResult {
  completion: ScenarioCompletion
  outcome: ScenarioOutcome
  outcomes: readonly ScenarioOutcome[]
}

/** What a scenario needs of a chat client (core's `ChatClient` fits). */
export interface ScenarioClient {
  complete(request: never): Promise<ScenarioResult>
  stream(request: never): AsyncIterable<ScenarioEvent> & { final(): Promise<ScenarioResult> }
}

/** The same request sent once with `complete()` and once with `stream()`. */
export interface ScenarioResults {
  complete: ScenarioResult
  /** The stream's events, then what its `final()` said. */
  stream: ScenarioResult & { events: readonly ScenarioEvent[] }
}

/** One value a scenario expects: what the adapter gave, and what every adapter must give. */
export interface ScenarioCheck {
  /** What the value is, for the failure message. */
  what: string
  actual: unknown
  expected: unknown
}

/** A request in the parts every dialect shares, and what must come of it. */
export interface DialectScenario {
  name: string
  /** The one user message. */
  prompt: string
  /** The request's fields beside `messages` (never `model`: that is the adapter's). */
  fields: Readonly<Record<string, unknown>>
  /**
   * The fields that Azure AI Model Inference counts as extra parameters: its client must let them pass through
   * to the model, or the service refuses them.
   */
  extraParameters?: readonly string[]
  check(results: ScenarioResults): readonly ScenarioCheck[]
}

/** One adapter under test: how it sends a scenario. */
export interface ScenarioSuite {
  /** The client that sends this scenario (Model Inference: one that passes its extra parameters through). */
  client(scenario: DialectScenario): ScenarioClient
  /** A chat request with one user message and these fields, as the adapter's dialect needs it. */
  request(content: string, fields: Readonly<Record<string, unknown>>): object
}

const weatherTool = {
  type: 'function',
  function: {
    name: 'get_weather',
    parameters: { type: 'object', properties: { location: { type: 'string' } }, required: ['location'] },
  },
}

const planSchema = {
  type: 'object',
  properties: { city: { type: 'string' }, days: { type: 'integer', minimum: 1, maximum: 7 } },
  required: ['city', 'days'],
  additionalProperties: false,
}

const contentOf = (result: ScenarioResult, choice = 0) => result.completion.choices[choice]?.message.content
const tokensOf = (result: ScenarioResult) => {
  const { prompt_tokens, completion_tokens, total_tokens } = (result.completion.usage ?? {}) as Record<
    string,
    unknown
  >
  return { prompt_tokens, completion_tokens, total_tokens }
}
const toolCallsOf = (result: ScenarioResult) => result.completion.choices[0]?.message.tool_calls ?? []

/** The scenarios every adapter runs; the emulator's scripted model answers each the same in every dialect. */
export const DIALECT_SCENARIOS: readonly DialectScenario[] = [
  {
    name: 'completes a plain request',
    prompt: 'Hello there',
    fields: {},
    check: ({ complete, stream }) => [
      { what: 'object', actual: complete.completion.object, expected: 'chat.completion' },
      {
        what: 'choices',
        actual: complete.completion.choices.map(({ index, message, finish_reason }) => ({
          index,
          role: message.role,
          content: message.content,
          finish_reason,
        })),
        expected: [{ index: 0, role: 'assistant', content: 'You said: Hello there', finish_reason: 'stop' }],
      },
      {
        what: 'usage',
        actual: tokensOf(complete),
        expected: { prompt_tokens: 8, completion_tokens: 5, total_tokens: 13 },
      },
      { what: 'streamed text', actual: deltaText(stream.events), expected: 'You said: Hello there' },
      { what: 'stream outcome', actual: stream.outcome.type, expected: 'stop' },
    ],
  },
  {
    name: 'streams the same text and usage as complete(), and finishes with stop',
    prompt: 'Stream me',
    fields: { stream_options: { include_usage: true } },
    check: ({ complete, stream }) => [
      { what: 'streamed text', actual: deltaText(stream.events), expected: 'You said: Stream me' },
      { what: 'streamed content', actual: contentOf(stream), expected: contentOf(complete) },
      {
        what: "complete()'s usage",
        actual: tokensOf(complete),
        expected: { prompt_tokens: 8, completion_tokens: 5, total_tokens: 13 },
      },
      { what: 'streamed usage', actual: stream.completion.usage, expected: complete.completion.usage },
      {
        what: 'last event',
        actual: stream.events.at(-1),
        expected: { type: 'finish', choiceIndex: 0, finishReason: 'stop' },
      },
      { what: 'stream outcome', actual: stream.outcome.type, expected: 'stop' },
    ],
  },
  {
    name: 'calls tools in parallel, streamed in fragments or not, with the same ids and parsed arguments',
    prompt: 'What is the weather in Paris and Tokyo?',
    fields: { tools: [weatherTool] },
    check: ({ complete, stream }) => [
      {
        what: 'finish_reason',
        actual: complete.completion.choices[0]?.finish_reason,
        expected: 'tool_calls',
      },
      {
        what: "complete()'s tool calls",
        actual: toolCallsOf(complete).map((call) => [
          call.function.name,
          JSON.parse(call.function.arguments),
        ]),
        expected: [
          ['get_weather', { location: 'Paris' }],
          ['get_weather', { location: 'Tokyo' }],
        ],
      },
      {
        what: 'tool_call.done events',
        actual: stream.events.flatMap((event) =>
          event.type === 'tool_call.done' ? [[event.toolIndex, event.arguments]] : [],
        ),
        expected: [
          [0, '{"location":"Paris"}'],
          [1, '{"location":"Tokyo"}'],
        ],
      },
      {
        what: "the stream's calls",
        actual: [stream.outcome.type, stream.outcome.calls?.map((call) => [call.name, call.input])],
        expected: [
          'tool_calls',
          [
            ['get_weather', { location: 'Paris' }],
            ['get_weather', { location: 'Tokyo' }],
          ],
        ],
      },
      {
        what: "the stream's call ids",
        actual: stream.outcome.calls?.map((call) => call.id),
        expected: toolCallsOf(complete).map((call) => call.id),
      },
    ],
  },
  {
    name: 'answers json_schema with JSON that follows the schema',
    prompt: 'Plan Rome',
    fields: {
      response_format: {
        type: 'json_schema',
        json_schema: { name: 'plan', strict: true, schema: planSchema },
      },
    },
    check: ({ complete, stream }) => [
      {
        what: 'the JSON',
        actual: JSON.parse(String(contentOf(complete))),
        expected: { city: 'Plan Rome', days: 7 },
      },
      { what: 'streamed content', actual: contentOf(stream), expected: contentOf(complete) },
      { what: 'stream outcome', actual: stream.outcome.type, expected: 'stop' },
    ],
  },
  {
    name: 'keeps n > 1 choices apart, streamed or not, with one outcome each',
    prompt: 'Three ways',
    fields: { n: 3 },
    extraParameters: ['n'],
    check: ({ complete, stream }) => [
      {
        what: "complete()'s choices",
        actual: complete.completion.choices.map((choice) => [choice.index, choice.message.content]),
        expected: [
          [0, 'You said: Three ways'],
          [1, 'I heard: Three ways'],
          [2, 'Echo: Three ways'],
        ],
      },
      {
        what: 'streamed texts',
        actual: [0, 1, 2].map((choice) => deltaText(stream.events, choice)),
        expected: [0, 1, 2].map((choice) => contentOf(complete, choice)),
      },
      {
        what: "the stream's choices",
        actual: stream.completion.choices.map((choice) => choice.index),
        expected: [0, 1, 2],
      },
      {
        what: 'outcomes',
        actual: stream.outcomes.map((outcome) => [outcome.choice, outcome.type]),
        expected: [
          [0, 'stop'],
          [1, 'stop'],
          [2, 'stop'],
        ],
      },
    ],
  },
]

/** Sends a scenario's request with `complete()`, then with `stream()`, and returns its checks of both. */
export async function runScenario(
  scenario: DialectScenario,
  suite: ScenarioSuite,
): Promise<readonly ScenarioCheck[]> {
  const client = suite.client(scenario)
  const request = suite.request(scenario.prompt, scenario.fields) as never
  const complete = await client.complete(request)
  const stream = await readStream(client.stream(request))
  return scenario.check({ complete, stream })
}
