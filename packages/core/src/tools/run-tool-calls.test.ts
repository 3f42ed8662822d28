import { getEventListeners } from 'node:events'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { AbortError } from '../errors.js'
import type { ChatMessage, ToolCall } from '../schema/message.js'
import { runToolCalls, type ToolEvent, type ToolFailure } from './run-tool-calls.js'
import { tool } from './tool.js'

const call = (id: string, name: string, args: string): ToolCall => ({
  id,
  type: 'function',
  function: { name, arguments: args },
})

const weather = tool({
  name: 'get_weather',
  parameters: z.object({ city: z.string(), days: z.number().int().default(1) }),
  execute: ({ city, days }) => ({ city, days, forecast: 'sunny' }),
})

describe('runToolCalls', () => {
  it('gives execute the validated output of the schema and answers with JSON text, in the order of the calls', async () => {
    const result = await runToolCalls(
      [call('a', 'get_weather', '{"city":"Paris"}'), call('b', 'get_weather', '{"city":"Tokyo","days":3}')],
      [weather],
    )
    expect(result.messages).toEqual([
      { role: 'tool', tool_call_id: 'a', content: '{"city":"Paris","days":1,"forecast":"sunny"}' },
      { role: 'tool', tool_call_id: 'b', content: '{"city":"Tokyo","days":3,"forecast":"sunny"}' },
    ])
    expect(result.results.map((r) => r.type)).toEqual(['output', 'output'])
    expect(result.results[0]).toMatchObject({ input: { city: 'Paris', days: 1 } })
    expect(result.pending).toEqual([])
  })

  it('keeps a string result as it is, and treats empty arguments as {}', async () => {
    const now = tool({ name: 'now', parameters: z.object({}), execute: () => '12:00' })
    const result = await runToolCalls([call('a', 'now', '')], [now])
    expect(result.messages).toEqual([{ role: 'tool', tool_call_id: 'a', content: '12:00' }])
  })

  it('answers invalid JSON and arguments the schema rejects with an error message, without running the tool', async () => {
    let ran = 0
    const counted = tool({
      name: 'get_weather',
      parameters: z.object({ city: z.string() }),
      execute: () => {
        ran++
        return 'ok'
      },
    })
    const result = await runToolCalls(
      [call('a', 'get_weather', '{"city":'), call('b', 'get_weather', '{"city":42}')],
      [counted],
    )
    expect(ran).toBe(0)
    expect(result.messages).toEqual([
      {
        role: 'tool',
        tool_call_id: 'a',
        content:
          'Invalid arguments for get_weather: Expected the arguments as JSON but they are not valid JSON. Call get_weather again with arguments that match its schema.',
      },
      {
        role: 'tool',
        tool_call_id: 'b',
        content:
          'Invalid arguments for get_weather: city: Invalid input: expected string, received number. Call get_weather again with arguments that match its schema.',
      },
    ])
    expect(result.results[1]).toMatchObject({
      type: 'failure',
      failure: { kind: 'invalid_arguments', issues: [{ path: 'city' }] },
    })
  })

  it("answers a throwing execute with the error's message, and lets the caller write failures", async () => {
    const broken = tool({
      name: 'broken',
      parameters: z.object({}),
      execute: () => {
        throw new Error('database is down')
      },
    })
    const defaults = await runToolCalls([call('a', 'broken', '{}')], [broken])
    expect(defaults.messages[0]?.content).toBe('Error from broken: database is down')

    const seen: ToolFailure[] = []
    const custom = await runToolCalls([call('a', 'broken', '{}')], [broken], {
      formatError: (failure) => {
        seen.push(failure)
        return `failed: ${failure.kind}`
      },
    })
    expect(custom.messages[0]?.content).toBe('failed: execute_error')
    expect(seen[0]).toMatchObject({ kind: 'execute_error', input: {}, error: new Error('database is down') })
  })

  it('takes what looks like a credential out of a thrown error before the model is sent it', async () => {
    const leaky = tool({
      name: 'leaky',
      parameters: z.object({}),
      execute: () => {
        throw new Error('401 for Authorization: Bearer sk-PLANTEDzz9Qx7secret4242 (key sk-proj-PLANTED99x)')
      },
    })
    const { messages, results } = await runToolCalls([call('a', 'leaky', '{}')], [leaky])
    expect(messages[0]?.content).toBe(
      'Error from leaky: 401 for Authorization: Bearer [redacted] (key sk-[redacted])',
    )
    // The caller's own code still gets the error as it was thrown.
    expect(results[0]).toMatchObject({ failure: { error: { message: expect.stringContaining('PLANTED') } } })
  })

  it('reports a result JSON cannot hold as a failure', async () => {
    const big = tool({ name: 'big', parameters: z.object({}), execute: () => 10n })
    const result = await runToolCalls([call('a', 'big', '{}')], [big])
    expect(result.results[0]).toMatchObject({ type: 'failure', failure: { kind: 'execute_error' } })
  })

  it('leaves calls of a tool without execute, or of an unknown tool, to the caller', async () => {
    const confirm = tool({ name: 'confirm', parameters: z.object({ question: z.string() }) })
    const result = await runToolCalls(
      [
        call('a', 'confirm', '{"question":"Delete?"}'),
        call('b', 'get_weather', '{"city":"Oslo"}'),
        call('c', 'teleport', '{"to":"Mars"}'),
      ],
      [confirm, weather],
    )
    expect(result.pending).toEqual([
      {
        type: 'pending',
        call: call('a', 'confirm', '{"question":"Delete?"}'),
        input: { question: 'Delete?' },
        reason: 'no_execute',
      },
      {
        type: 'pending',
        call: call('c', 'teleport', '{"to":"Mars"}'),
        input: { to: 'Mars' },
        reason: 'unknown_tool',
      },
    ])
    expect(result.messages.map((message) => message.tool_call_id)).toEqual(['b'])
  })

  it('gives execute the call id and the conversation', async () => {
    const messages: ChatMessage[] = [{ role: 'user', content: 'hi' }]
    const seen: unknown[] = []
    const echo = tool({
      name: 'echo',
      parameters: z.object({}),
      execute: (_, context) => {
        seen.push(context.toolCallId, context.messages)
        return 'ok'
      },
    })
    await runToolCalls([call('call_9', 'echo', '{}')], [echo], { messages })
    expect(seen).toEqual(['call_9', messages])
  })

  it('runs calls concurrently, never more than `concurrency` at once', async () => {
    let active = 0
    let peak = 0
    const slow = tool({
      name: 'slow',
      parameters: z.object({ n: z.number() }),
      execute: async ({ n }) => {
        active++
        peak = Math.max(peak, active)
        await new Promise((resolve) => setTimeout(resolve, 5))
        active--
        return n
      },
    })
    const calls = Array.from({ length: 7 }, (_, i) => call(`c${i}`, 'slow', `{"n":${i}}`))
    const result = await runToolCalls(calls, [slow], { concurrency: 3 })
    expect(peak).toBe(3)
    expect(result.messages.map((message) => message.content)).toEqual(['0', '1', '2', '3', '4', '5', '6'])
    await expect(runToolCalls(calls, [slow], { concurrency: 0 })).rejects.toThrow(RangeError)
  })

  it('reports each start and result as it happens', async () => {
    const events: ToolEvent['type'][] = []
    await runToolCalls(
      [call('a', 'get_weather', '{"city":"Paris"}'), call('b', 'get_weather', '{}')],
      [weather],
      {
        concurrency: 1,
        onEvent: (event) => events.push(event.type),
      },
    )
    expect(events).toEqual(['tool.start', 'tool.result', 'tool.result'])
  })

  it("aborts the running tools' signal and rejects with an AbortError carrying the reason", async () => {
    const controller = new AbortController()
    let toolSignal: AbortSignal | undefined
    const waiting = tool({
      name: 'wait',
      parameters: z.object({}),
      execute: (_, { signal }) => {
        toolSignal = signal
        controller.abort('user left')
        // A tool that ignores its signal does not hold the run up.
        return new Promise(() => {})
      },
    })
    const error = await runToolCalls([call('a', 'wait', '{}')], [waiting], {
      signal: controller.signal,
    }).catch((thrown: unknown) => thrown)
    expect(error).toBeInstanceOf(AbortError)
    expect((error as AbortError).reason).toBe('user left')
    expect(toolSignal?.aborted).toBe(true)
  })

  it('runs nothing when the signal has already aborted', async () => {
    let ran = false
    const never = tool({
      name: 'never',
      parameters: z.object({}),
      execute: () => {
        ran = true
      },
    })
    const error = await runToolCalls([call('a', 'never', '{}')], [never], {
      signal: AbortSignal.abort(),
    }).catch((thrown: unknown) => thrown)
    expect(error).toBeInstanceOf(AbortError)
    expect(ran).toBe(false)
  })

  it('leaves no listener on the signal it gave the tools once the calls ended', async () => {
    const signals: AbortSignal[] = []
    const probe = tool({
      name: 'probe',
      parameters: z.object({}),
      execute: (_input, { signal }) => {
        signals.push(signal)
        return 'ok'
      },
    })
    const caller = new AbortController()
    await runToolCalls([call('a', 'probe', '{}')], [probe], { signal: caller.signal })
    expect(signals).toHaveLength(1)
    expect(getEventListeners(signals[0] as AbortSignal, 'abort')).toEqual([])
    expect(getEventListeners(caller.signal, 'abort')).toEqual([])
  })
})
