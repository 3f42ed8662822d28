import { getEventListeners } from 'node:events'
import {
  type AssistantThreadMessage,
  type ChatOptions,
  type ChatSnapshot,
  type ChatTool,
  chatTools,
  createChat,
  parsePartialJson,
  tool,
} from '@chatwire/core'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { chatEmulator, recordSnapshots, whenSnapshot } from './chat-emulator.js'

const server = chatEmulator()

const request = { model: 'gpt-4o-mini' }
const replies = (snapshot: ChatSnapshot) =>
  snapshot.messages.filter((message): message is AssistantThreadMessage => message.role === 'assistant')

/** A weather tool whose calls are recorded; `run` decides what each call gives. */
function weatherTool(
  run: (location: string) => unknown | Promise<unknown> = (location) => `${location}: 22 °C`,
) {
  const calls: string[] = []
  const weather = tool({
    name: 'get_weather',
    description: 'The weather in a place',
    parameters: z.object({ location: z.string() }),
    execute: ({ location }, { toolCallId }) => {
      calls.push(`${toolCallId}:${location}`)
      return run(location)
    },
  })
  return { weather, calls }
}

describe('client tools: they run in the client and the chat goes on by itself', () => {
  it('two parallel calls run once each; one follow-up request; the final answer streams', async () => {
    const { weather, calls } = weatherTool()
    const chat = createChat({ client: server.client(), request, tools: chatTools([weather]) })
    await chat.send('weather in Paris and Tokyo')
    const snapshot = chat.getSnapshot()
    expect(snapshot.status).toBe('ready')
    const [asked, answered] = replies(snapshot)
    expect(asked?.toolCalls).toMatchObject([
      { name: 'get_weather', state: 'done', input: { location: 'Paris' }, result: 'Paris: 22 °C' },
      { name: 'get_weather', state: 'done', input: { location: 'Tokyo' }, result: 'Tokyo: 22 °C' },
    ])
    expect(calls).toEqual(
      asked?.toolCalls.map(
        (call) => `${call.id}:${call.input && (call.input as { location: string }).location}`,
      ),
    )
    expect(answered?.content).toMatch(/^Here is what I found/)
    expect(server.emulator.requests).toHaveLength(2)
  })

  it('runs a call forced by a named tool_choice, which the model finishes with stop, and goes on', async () => {
    const { weather, calls } = weatherTool()
    const chat = createChat({
      client: server.client(),
      request: { ...request, tool_choice: { type: 'function', function: { name: 'get_weather' } } },
      tools: chatTools([weather]),
    })
    await chat.send('weather in Paris')
    const snapshot = chat.getSnapshot()
    expect(snapshot.status).toBe('ready')
    const [asked, answered] = replies(snapshot)
    expect(asked?.toolCalls).toMatchObject([
      { name: 'get_weather', state: 'done', input: { location: 'Paris' }, result: 'Paris: 22 °C' },
    ])
    expect(calls).toHaveLength(1)
    expect(answered?.content).toBe('Here is what I found. get_weather (Paris): Paris: 22 °C.')
    expect(server.emulator.requests).toHaveLength(2)
    expect(server.emulator.requests[0]?.body).toMatchObject({
      tool_choice: { function: { name: 'get_weather' } },
    })
  })

  it('leaves no listener on the signal the tools ran with once the turn ended', async () => {
    const signals: AbortSignal[] = []
    const weather = tool({
      name: 'get_weather',
      parameters: z.object({ location: z.string() }),
      execute: ({ location }, { signal }) => {
        signals.push(signal)
        return `${location}: 22 °C`
      },
    })
    const chat = createChat({ client: server.client(), request, tools: chatTools([weather]) })
    await chat.send('weather in Paris')
    expect(chat.getSnapshot().status).toBe('ready')
    expect(signals).toHaveLength(1)
    expect(getEventListeners(signals[0] as AbortSignal, 'abort')).toEqual([])
  })

  it('a streaming call shows its arguments parsed as far as they go, from the first publish of the reply on', async () => {
    const { weather } = weatherTool()
    const chat = createChat({ client: server.client(), request, tools: chatTools([weather]), throttle: 0 })
    const snapshots = recordSnapshots(chat)
    await chat.send('weather in Paris')
    const streamed = snapshots
      .map((snapshot) => snapshot.messages.at(-1))
      .filter((message): message is AssistantThreadMessage => message?.role === 'assistant')
      .filter((message) => message.state === 'streaming' && message.toolCalls.length > 0)
      .map((message) => message.toolCalls[0])
    expect(streamed.length).toBeGreaterThan(1)
    for (const call of streamed) {
      expect(call?.state).toBe('streaming')
      expect(call?.input).toEqual(parsePartialJson(call?.arguments ?? ''))
    }
    expect(streamed[0]?.input).not.toBeUndefined()
    expect(streamed.at(-1)?.input).toEqual({ location: 'Paris' })
  })

  it('a reply cut after its tool call (no finish reason): incomplete, the call cancelled and never run', async () => {
    const { weather, calls } = weatherTool()
    const chat = createChat({ client: server.client(), request, tools: chatTools([weather]) })
    await chat.send('weather in Paris [[fault:cut;after=2]]')
    const { status, error } = chat.getSnapshot()
    const [asked] = replies(chat.getSnapshot())
    expect([status, error?.name]).toEqual(['error', 'IncompleteStreamError'])
    expect(asked).toMatchObject({ state: 'incomplete' })
    expect(asked?.toolCalls).toMatchObject([
      { name: 'get_weather', state: 'cancelled', error: 'The reply ended before this call was complete' },
    ])
    expect(calls).toEqual([])
  })

  it('a tool that throws answers the model with the error, and the chat goes on', async () => {
    const { weather } = weatherTool(() => {
      throw new Error('the weather service is down')
    })
    const chat = createChat({ client: server.client(), request, tools: chatTools([weather]) })
    await chat.send('weather in Paris')
    const [asked, answered] = replies(chat.getSnapshot())
    expect(asked?.toolCalls[0]).toMatchObject({
      state: 'failed',
      error: 'Error from get_weather: the weather service is down',
    })
    expect(answered?.state).toBe('complete')
  })

  it('a schema that throws while it parses fails its call with a message that quotes nothing; the chat goes on', async () => {
    const weather = tool({
      name: 'get_weather',
      parameters: z.object({ location: z.string() }).transform(({ location }) => {
        throw new Error(`no forecast for ${location}`)
      }),
      execute: () => 'never',
    })
    const chat = createChat({ client: server.client(), request, tools: chatTools([weather]) })
    await chat.send('weather in Paris')
    const snapshot = chat.getSnapshot()
    const [asked, answered] = replies(snapshot)
    expect(asked?.toolCalls).toEqual([
      {
        id: expect.any(String),
        name: 'get_weather',
        arguments: '{"location":"Paris"}',
        input: { location: 'Paris' },
        state: 'failed',
        error:
          'Invalid arguments for get_weather: The schema threw while it validated the arguments. Call get_weather again with arguments that match its schema.',
      },
    ])
    expect(answered).toMatchObject({
      state: 'complete',
      content: expect.stringMatching(/^Here is what I found/),
    })
    expect([snapshot.status, snapshot.error]).toEqual(['ready', undefined])
    expect(server.emulator.requests).toHaveLength(2)
  })

  it('a tool of its own making (a class, execute a method reading this) runs as one made with tool()', async () => {
    const made = weatherTool()
    class Weather implements ChatTool {
      readonly name = made.weather.name
      readonly description = made.weather.description
      readonly parameters = made.weather.parameters
      readonly jsonSchema = made.weather.jsonSchema
      readonly strict = undefined
      readonly unit = '°C'
      execute(input: unknown) {
        return `${(input as { location: string }).location}: 22 ${this.unit}`
      }
    }
    const chat = createChat({ client: server.client(), request, tools: chatTools([new Weather()]) })
    await chat.send('weather in Paris')
    expect(replies(chat.getSnapshot())[0]?.toolCalls).toMatchObject([
      { state: 'done', result: 'Paris: 22 °C' },
    ])
  })

  it('a runaway loop stops at the default cap of 5 replies in a row, ready, with no error', async () => {
    const { weather, calls } = weatherTool()
    const chat = createChat({ client: server.loopingClient(), request, tools: chatTools([weather]) })
    await chat.send('weather in Paris')
    const snapshot = chat.getSnapshot()
    expect([snapshot.status, snapshot.error]).toEqual(['ready', undefined])
    expect(server.emulator.requests).toHaveLength(5)
    expect(replies(snapshot)).toHaveLength(5)
    expect(calls).toHaveLength(5)
  })

  it('maxSteps sets another cap', async () => {
    const { weather } = weatherTool()
    const chat = createChat({
      client: server.loopingClient(),
      request,
      tools: chatTools([weather]),
      maxSteps: 2,
    })
    await chat.send('weather in Paris')
    expect(server.emulator.requests).toHaveLength(2)
  })

  it('stop while a tool runs: the call is cancelled, no follow-up is sent, and a late result is dropped', async () => {
    let finish: (value: string) => void = () => {}
    const { weather } = weatherTool(() => new Promise<string>((resolve) => (finish = resolve)))
    const chat = createChat({ client: server.client(), request, tools: chatTools([weather]) })
    const turn = chat.send('weather in Paris')
    await whenSnapshot(chat, (snapshot) => replies(snapshot)[0]?.toolCalls[0]?.state === 'running')
    chat.stop()
    finish('too late')
    await turn
    await new Promise((resolve) => setTimeout(resolve, 30))
    const snapshot = chat.getSnapshot()
    expect(snapshot.status).toBe('ready')
    expect(replies(snapshot)[0]?.toolCalls[0]).toMatchObject({
      state: 'cancelled',
      error: 'The chat was stopped',
    })
    expect(server.emulator.requests).toHaveLength(1)
  })

  it('stop while a call streams: the reply is stopped, the call cancelled and never run', async () => {
    const { weather, calls } = weatherTool()
    const chat = createChat({
      client: server.client(),
      request,
      tools: chatTools([weather]),
      callOptions: { headers: { 'x-emulator-fault': 'slow;ms=30' } },
    })
    const turn = chat.send('weather in Paris')
    await whenSnapshot(chat, (snapshot) => replies(snapshot)[0]?.toolCalls[0]?.state === 'streaming')
    chat.stop()
    await turn
    const [asked] = replies(chat.getSnapshot())
    expect(asked?.state).toBe('stopped')
    expect(asked?.toolCalls).toMatchObject([{ state: 'cancelled', error: 'The chat was stopped' }])
    expect(calls).toEqual([])
  })

  it('tools are read when used: a new implementation given with setOptions is the one that runs', async () => {
    const first = weatherTool(() => 'old')
    const second = weatherTool(() => 'new')
    const chat = createChat({ client: server.client(), request, tools: chatTools([first.weather]) })
    chat.setOptions({ tools: chatTools([second.weather]) })
    await chat.send('weather in Paris')
    expect([first.calls.length, second.calls.length]).toEqual([0, 1])
    expect(replies(chat.getSnapshot())[0]?.toolCalls[0]?.result).toBe('new')
  })
})

describe('approval: a human in the loop', () => {
  /** Paris's weather, which takes until the test calls `finish()`; `started` resolves once it runs. */
  function slowParis() {
    let finish = () => {}
    let start = () => {}
    const started = new Promise<void>((resolve) => (start = resolve))
    const run = () =>
      new Promise<string>((resolve) => {
        finish = () => resolve('Paris: 22 °C')
        start()
      })
    return { run, started, finish: () => finish() }
  }

  /** A chat asked 'weather in Paris' whose weather call `needsApproval` holds (every call by default), and that call. */
  async function awaitingApproval(needsApproval: ChatOptions['needsApproval'] = () => true) {
    const { weather, calls } = weatherTool()
    const chat = createChat({ client: server.client(), request, tools: chatTools([weather]), needsApproval })
    await chat.send('weather in Paris')
    return { chat, calls, waiting: replies(chat.getSnapshot())[0]?.toolCalls[0] }
  }

  it('a call that needs approval waits (status ready, nothing run); approved, it runs and the chat goes on', async () => {
    const { chat, calls, waiting } = await awaitingApproval(({ name }) => name === 'get_weather')
    expect(chat.getSnapshot().status).toBe('ready')
    expect(waiting).toMatchObject({ state: 'awaiting-approval', input: { location: 'Paris' } })
    expect(calls).toEqual([])
    await chat.respondToApproval({ toolCallId: waiting?.id as string, approved: true })
    const [asked, answered] = replies(chat.getSnapshot())
    expect(calls).toHaveLength(1)
    expect(asked?.toolCalls[0]).toMatchObject({ state: 'done', result: 'Paris: 22 °C' })
    expect(answered?.content).toMatch(/^Here is what I found/)
    expect(server.emulator.requests).toHaveLength(2)
  })

  it('a second approval given while the first approved tool runs is recorded; the chat goes on once both ran', async () => {
    const paris = slowParis()
    const { weather, calls } = weatherTool((location) =>
      location === 'Paris' ? paris.run() : `${location}: 18 °C`,
    )
    const chat = createChat({
      client: server.client(),
      request,
      tools: chatTools([weather]),
      needsApproval: () => true,
    })
    await chat.send('weather in Paris and Tokyo')
    const [parisCall, tokyoCall] = replies(chat.getSnapshot())[0]?.toolCalls ?? []
    expect([parisCall?.state, tokyoCall?.state]).toEqual(['awaiting-approval', 'awaiting-approval'])
    const first = chat.respondToApproval({ toolCallId: parisCall?.id as string, approved: true })
    await paris.started
    await chat.respondToApproval({ toolCallId: tokyoCall?.id as string, approved: true })
    expect(replies(chat.getSnapshot())[0]?.toolCalls.map((call) => call.state)).toEqual([
      'running',
      'running',
    ])
    expect(calls).toHaveLength(1)
    paris.finish()
    await first
    const [asked, answered] = replies(chat.getSnapshot())
    expect(asked?.toolCalls).toMatchObject([
      { state: 'done', result: 'Paris: 22 °C' },
      { state: 'done', result: 'Tokyo: 18 °C' },
    ])
    expect(calls).toEqual([`${parisCall?.id}:Paris`, `${tokyoCall?.id}:Tokyo`])
    expect(answered?.content).toBe(
      'Here is what I found. get_weather (Paris): Paris: 22 °C; get_weather (Tokyo): Tokyo: 18 °C.',
    )
    expect(chat.getSnapshot().status).toBe('ready')
    expect(server.emulator.requests).toHaveLength(2)
  })

  it('a denial given while the first approved tool runs is sent with its result', async () => {
    const paris = slowParis()
    const { weather, calls } = weatherTool(paris.run)
    const chat = createChat({
      client: server.client(),
      request,
      tools: chatTools([weather]),
      needsApproval: () => true,
    })
    await chat.send('weather in Paris and Tokyo')
    const [parisCall, tokyoCall] = replies(chat.getSnapshot())[0]?.toolCalls ?? []
    const first = chat.respondToApproval({ toolCallId: parisCall?.id as string, approved: true })
    await paris.started
    await chat.respondToApproval({
      toolCallId: tokyoCall?.id as string,
      approved: false,
      reason: 'Not Tokyo',
    })
    paris.finish()
    await first
    expect(calls).toHaveLength(1)
    expect(replies(chat.getSnapshot())[0]?.toolCalls).toMatchObject([
      { state: 'done' },
      { state: 'denied', error: 'Not Tokyo' },
    ])
    expect(replies(chat.getSnapshot())[1]?.content).toMatch(/^Here is what I found/)
    expect(server.emulator.requests).toHaveLength(2)
  })

  it('denied, the tool never runs; the model is told why and answers, before the promise resolves', async () => {
    const { chat, calls, waiting } = await awaitingApproval()
    await chat.respondToApproval({ toolCallId: waiting?.id as string, approved: false, reason: 'Not now' })
    const snapshot = chat.getSnapshot()
    expect([snapshot.status, replies(snapshot).length]).toEqual(['ready', 2])
    expect(calls).toEqual([])
    expect(replies(snapshot)[0]?.toolCalls[0]).toMatchObject({ state: 'denied', error: 'Not now' })
    expect(server.emulator.requests).toHaveLength(2)
    // The chat is free: the next message goes out at once.
    await chat.send('Thanks')
    expect(replies(chat.getSnapshot()).at(-1)?.content).toBe('You said: Thanks')
  })

  it('a new message while an approval is pending cancels the call; the tool never runs; the message is answered', async () => {
    const { chat, calls, waiting } = await awaitingApproval()
    await chat.send('Forget it. Hello')
    const snapshot = chat.getSnapshot()
    expect(calls).toEqual([])
    expect(replies(snapshot)[0]?.toolCalls[0]).toMatchObject({ state: 'cancelled' })
    expect(replies(snapshot)[1]?.content).toBe('You said: Forget it. Hello')
    await expect(
      chat.respondToApproval({ toolCallId: waiting?.id as string, approved: true }),
    ).rejects.toThrow(/cancelled/)
    expect(server.emulator.requests).toHaveLength(2)
  })
})
