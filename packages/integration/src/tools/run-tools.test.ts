import {
  AbortError,
  type ChatError,
  type ChatMessage,
  type ChatRequest,
  InvalidRequestError,
  runTools,
  type ToolRunEvent,
  tool,
} from '@chatwire/core'
import { useEmulator } from '@chatwire/emulator/testing'
import { rejection } from '@chatwire/testkit'
import { toJsonSchema } from '@valibot/to-json-schema'
import { type } from 'arktype'
import * as v from 'valibot'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { DIALECTS } from './dialect-clients.js'

const emulator = useEmulator({ hooks: { beforeAll, afterAll, beforeEach } })

/** Resolves once `count` callers wait on it: proof that they run at the same time. */
function barrier(count: number): () => Promise<void> {
  let waiting = 0
  let open!: () => void
  const opened = new Promise<void>((resolve) => {
    open = resolve
  })
  return () => {
    if (++waiting === count) open()
    return opened
  }
}

async function collect(run: AsyncIterable<ToolRunEvent>): Promise<ToolRunEvent[]> {
  const events: ToolRunEvent[] = []
  for await (const event of run) events.push(event)
  return events
}

const roles = (messages: ChatMessage[]) => messages.map((message) => message.role)

describe.each(DIALECTS)('runTools over $name', ({ connect, model }) => {
  const client = () => connect(emulator.current.url)
  const ask = (content: string): ChatRequest => ({ model, messages: [{ role: 'user', content }] })

  it('runs a multi-step loop, parallel calls at once, and streams every step, tool start and result', async () => {
    const bothStarted = barrier(2)
    const weather = tool({
      name: 'get_weather',
      description: 'The weather in a city',
      parameters: z.object({ city: z.string() }),
      execute: async ({ city }) => {
        await bothStarted()
        return { city, sky: 'sunny' }
      },
    })
    const time = tool({
      name: 'get_time',
      parameters: v.object({ city: v.string() }),
      toJsonSchema,
      execute: ({ city }) => `noon in ${city}`,
    })
    const run = runTools(client(), ask('weather in Paris and Tokyo, then the time in Oslo'), {
      tools: [weather, time],
    })
    const events = await collect(run)
    const { outcome, messages, steps, text } = await run.final()

    expect(outcome.type).toBe('finished')
    expect(steps.map((step) => step.outcome.type)).toEqual(['tool_calls', 'tool_calls', 'stop'])
    expect(text).toBe(
      'Here is what I found. get_weather (Paris): {"city":"Paris","sky":"sunny"}; ' +
        'get_weather (Tokyo): {"city":"Tokyo","sky":"sunny"}; get_time (Oslo): noon in Oslo.',
    )
    expect(roles(messages)).toEqual(['user', 'assistant', 'tool', 'tool', 'assistant', 'tool', 'assistant'])
    expect(messages[6]).toEqual({ role: 'assistant', content: text })
    const loopEvents = events.filter(
      (event) => event.type.startsWith('step.') || event.type.startsWith('tool.'),
    )
    expect(loopEvents.map((event) => `${event.type}@${event.step}`)).toEqual([
      'step.start@1',
      'step.finish@1',
      'tool.start@1',
      'tool.start@1',
      'tool.result@1',
      'tool.result@1',
      'step.start@2',
      'step.finish@2',
      'tool.start@2',
      'tool.result@2',
      'step.start@3',
      'step.finish@3',
    ])
    const streamed = events.flatMap((event) =>
      event.type === 'content.delta' && event.step === 3 ? [event.delta] : [],
    )
    expect(streamed.join('')).toBe(text)
  })

  it('sends the error of invalid arguments back, and runs the tool once the model corrects them', async () => {
    const inputs: unknown[] = []
    const weather = tool({
      name: 'get_weather',
      parameters: type({ city: 'string' }),
      execute: (input) => {
        inputs.push(input)
        return 'sunny'
      },
    })
    const run = runTools(client(), ask('weather in Paris [[model:invalid_arguments]]'), { tools: [weather] })
    const { outcome, messages, text } = await run.final()

    expect(outcome.type).toBe('finished')
    expect(inputs).toEqual([{ city: 'Paris' }])
    expect(messages[2]).toEqual({
      role: 'tool',
      tool_call_id: expect.any(String),
      content:
        'Invalid arguments for get_weather: city: city must be a string (was missing). Call get_weather again with arguments that match its schema.',
    })
    expect(roles(messages)).toEqual(['user', 'assistant', 'tool', 'assistant', 'tool', 'assistant'])
    expect(text).toMatch(/get_weather \(Paris\): sunny\.$/)
  })

  it('runs the call a named tool_choice forced, which the model finishes with stop, and answers from it', async () => {
    let runs = 0
    const weather = tool({
      name: 'get_weather',
      parameters: z.object({ city: z.string() }),
      execute: ({ city }) => {
        runs++
        return `sunny in ${city}`
      },
    })
    const forced = {
      ...ask('weather in Paris'),
      tool_choice: { type: 'function', function: { name: 'get_weather' } },
    }
    const { outcome, steps, messages, text } = await runTools(client(), forced as ChatRequest, {
      tools: [weather],
    }).final()
    expect(steps[0]?.completion.choices[0]?.finish_reason).toBe('stop')
    expect(steps.map((step) => step.outcome.type)).toEqual(['tool_calls', 'stop'])
    expect(outcome.type).toBe('finished')
    expect(runs).toBe(1)
    expect(roles(messages)).toEqual(['user', 'assistant', 'tool', 'assistant'])
    expect(text).toBe('Here is what I found. get_weather (Paris): sunny in Paris.')
  })

  it('answers a throwing tool with its error, which the model reports', async () => {
    const weather = tool({
      name: 'get_weather',
      parameters: z.object({ city: z.string() }),
      execute: () => {
        throw new Error('station offline')
      },
    })
    const { outcome, text } = await runTools(client(), ask('weather in Paris'), { tools: [weather] }).final()
    expect(outcome.type).toBe('finished')
    expect(text).toBe('Here is what I found. get_weather (Paris): Error from get_weather: station offline.')
  })

  it('stops with max_steps, the last calls not run, when the model keeps calling tools', async () => {
    let runs = 0
    const weather = tool({
      name: 'get_weather',
      parameters: z.object({ city: z.string() }),
      execute: () => ++runs,
    })
    const { outcome, steps, messages } = await runTools(
      client(),
      ask('weather in Paris [[model:keep_calling_tools]]'),
      { tools: [weather], maxSteps: 3 },
    ).final()
    expect(outcome).toEqual({
      type: 'max_steps',
      maxSteps: 3,
      calls: [expect.objectContaining({ type: 'function' })],
    })
    expect(steps).toHaveLength(3)
    expect(runs).toBe(2)
    expect(messages.at(-1)).toMatchObject({
      role: 'assistant',
      tool_calls: [{ function: { name: 'get_weather' } }],
    })
  })

  it("aborts the running tool's signal and the run, which ends with an AbortError", async () => {
    let toolSignal: AbortSignal | undefined
    const weather = tool({
      name: 'get_weather',
      parameters: z.object({ city: z.string() }),
      execute: (_, { signal }) => {
        toolSignal = signal
        return new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason)))
      },
    })
    const controller = new AbortController()
    const run = runTools(client(), ask('weather in Paris'), { tools: [weather], signal: controller.signal })
    const error = await rejection<AbortError>(
      (async () => {
        for await (const event of run) if (event.type === 'tool.start') controller.abort('user left')
      })(),
    )
    expect(error).toBeInstanceOf(AbortError)
    expect(error.reason).toBe('user left')
    expect(toolSignal?.aborted).toBe(true)
    const { outcome, steps } = await run.final()
    expect(outcome).toEqual({ type: 'error', error })
    expect(steps).toHaveLength(1)
  })

  it('abort() during a model call stops that request: no tool runs after it', async () => {
    let runs = 0
    const weather = tool({
      name: 'get_weather',
      parameters: z.object({ city: z.string() }),
      execute: () => ++runs,
    })
    const run = runTools(client(), ask('weather in Paris'), { tools: [weather] })
    const seen: string[] = []
    const error = await rejection<AbortError>(
      (async () => {
        for await (const event of run) {
          seen.push(event.type)
          if (event.type === 'step.start') run.abort('enough')
        }
      })(),
    )
    expect(error).toBeInstanceOf(AbortError)
    expect(error.reason).toBe('enough')
    expect(runs).toBe(0)
    expect(seen.filter((type) => type.startsWith('tool.'))).toEqual([])
    expect((await run.final()).outcome).toEqual({ type: 'error', error })
  })

  it('refuses a step limit or a concurrency below 1 where they are written', () => {
    expect(() => runTools(client(), ask('hi'), { tools: [], maxSteps: 0 })).toThrow(RangeError)
    expect(() => runTools(client(), ask('hi'), { tools: [], concurrency: 0 })).toThrow(RangeError)
  })

  it('leaves calls of a tool without execute to the caller, who answers them and runs the loop again', async () => {
    const confirm = tool({ name: 'get_weather', parameters: z.object({ city: z.string() }) })
    const first = await runTools(client(), ask('weather in Paris'), { tools: [confirm] }).final()
    if (first.outcome.type !== 'pending') throw new Error(`expected pending, got ${first.outcome.type}`)
    expect(first.outcome.calls).toEqual([
      {
        type: 'pending',
        call: expect.objectContaining({ type: 'function' }),
        input: { city: 'Paris' },
        reason: 'no_execute',
      },
    ])
    const [pending] = first.outcome.calls
    const answered: ChatMessage[] = [
      ...first.messages,
      { role: 'tool', tool_call_id: pending?.call.id ?? '', content: 'the user says: rainy' },
    ]
    const second = await runTools(client(), { model, messages: answered }, { tools: [confirm] }).final()
    expect(second.outcome.type).toBe('finished')
    expect(second.text).toBe('Here is what I found. get_weather (Paris): the user says: rainy.')
  })

  it('says what failed when two tools share a name, before anything is sent', async () => {
    const weather = tool({
      name: 'get_weather',
      parameters: z.object({ city: z.string() }),
      execute: () => 'sunny',
    })
    const other = tool({
      name: 'get_weather',
      parameters: z.object({ place: z.string() }),
      execute: () => 'rainy',
    })
    const run = runTools(client(), ask('weather in Paris'), { tools: [weather, other] })
    const thrown = await rejection<ChatError>(collect(run))
    const { outcome } = await run.final()
    if (outcome.type !== 'error') throw new Error(`expected error, got ${outcome.type}`)
    expect(outcome.error).toBe(thrown)
    expect(outcome.error.message).toBe(
      'The tool run could not declare its tools (TypeError): Two tools are named get_weather: a name calls one tool',
    )
    expect(outcome.error.cause).toBeInstanceOf(TypeError)
    expect(emulator.current.requests).toHaveLength(0)
  })

  it('names the stage and the kind of a failure in the tools, never what the thrown error quotes', async () => {
    const weather = tool({
      name: 'get_weather',
      parameters: z.object({ city: z.string() }).transform(({ city }) => {
        throw new Error(`no forecast for ${city} PLANTED-ARG`)
      }),
      execute: () => 'never',
    })
    const { outcome } = await runTools(client(), ask('weather in Paris'), { tools: [weather] }).final()
    if (outcome.type !== 'error') throw new Error(`expected error, got ${outcome.type}`)
    expect(outcome.error.message).toBe('The tool run failed in the tools of step 1: Error thrown (see cause)')
    expect(JSON.stringify(outcome.error)).not.toContain('PLANTED')
    expect((outcome.error.cause as Error).message).toBe('no forecast for Paris PLANTED-ARG')
  })

  it('checks a strict tool before anything is sent', async () => {
    const loose = tool({ name: 'get_weather', parameters: z.object({ city: z.string() }), strict: true })
    const run = runTools(client(), ask('weather in Paris'), { tools: [loose] })
    const { outcome } = await run.final()
    if (outcome.type !== 'error') throw new Error(`expected error, got ${outcome.type}`)
    expect(outcome.error).toBeInstanceOf(InvalidRequestError)
    expect((outcome.error as InvalidRequestError).path).toBe(
      'tools[0].function.parameters.additionalProperties',
    )
    expect(emulator.current.requests).toHaveLength(0)
  })
})
