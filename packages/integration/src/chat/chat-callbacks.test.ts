import {
  type AssistantThreadMessage,
  ChatError,
  type ChatFinishEvent,
  type ChatMessage,
  chatTools,
  createChat,
  InvalidRequestError,
  ServerError,
  tool,
} from '@chatwire/core'
import { rejection } from '@chatwire/testkit'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { chatEmulator, unhandledRejections, whenSnapshot } from './chat-emulator.js'

const server = chatEmulator()

const request = { model: 'gpt-4o-mini' }
const slow = { callOptions: { headers: { 'x-emulator-fault': 'slow;ms=30' } } }
const started = (snapshot: { messages: readonly { content: string }[] }) =>
  (snapshot.messages[1]?.content.length ?? 0) > 0

/** A weather tool whose runs are recorded. */
function weatherTool() {
  const calls: string[] = []
  const weather = tool({
    name: 'get_weather',
    parameters: z.object({ location: z.string() }),
    execute: ({ location }) => {
      calls.push(location)
      return `${location}: 22 °C`
    },
  })
  return { weather, calls }
}

describe('onFinish: after every reply that ended, stopped ones included', () => {
  it('stop() mid-stream calls onFinish once, with the stopped reply and the thread it ends', async () => {
    const finished: ChatFinishEvent[] = []
    const chat = createChat({ client: server.client(), request, ...slow, onFinish: (e) => finished.push(e) })
    const turn = chat.send('count to 200')
    await whenSnapshot(chat, started)
    chat.stop()
    await turn
    const { messages } = chat.getSnapshot()
    expect(finished).toEqual([{ message: messages[1], messages }])
    expect(finished[0]?.message).toMatchObject({ role: 'assistant', state: 'stopped' })
    expect(finished[0]?.message.content.length).toBeGreaterThan(0)
  })

  it('a chat no view holds any more is stopped, and onFinish hears of it', async () => {
    const finished: AssistantThreadMessage[] = []
    const chat = createChat({
      client: server.client(),
      request,
      ...slow,
      onFinish: ({ message }) => finished.push(message),
    })
    const release = chat.attach()
    const turn = chat.send('count to 200')
    await whenSnapshot(chat, started)
    release()
    await turn
    expect(finished).toEqual([chat.getSnapshot().messages[1]])
    expect(finished[0]?.state).toBe('stopped')
  })

  it('a stop before the first token ends no reply: no message, no onFinish', async () => {
    const finished: ChatFinishEvent[] = []
    const chat = createChat({ client: server.client(), request, ...slow, onFinish: (e) => finished.push(e) })
    const turn = chat.send('count to 200')
    chat.stop()
    await turn
    expect(chat.getSnapshot().messages.map((message) => message.role)).toEqual(['user'])
    expect(finished).toEqual([])
  })
})

describe('the callbacks of a turn that ended may start the next one', () => {
  it('onFinish sends the next message: the chat is no longer busy with the turn that ended', async () => {
    const replies: string[] = []
    let next: Promise<void> | undefined
    const chat = createChat({
      client: server.client(),
      request,
      onFinish: ({ message }) => {
        replies.push(message.content)
        if (replies.length === 1) next = chat.send('and then?')
      },
    })
    await chat.send('Hello')
    await next
    const { messages, status } = chat.getSnapshot()
    expect(status).toBe('ready')
    expect(messages.map((message) => `${message.role}: ${message.content}`)).toEqual([
      'user: Hello',
      `assistant: ${replies[0]}`,
      'user: and then?',
      `assistant: ${replies[1]}`,
    ])
    expect(replies[1]).toContain('and then?')
  })

  it('onError regenerates the reply that failed, and the new turn answers', async () => {
    const errors: ChatError[] = []
    let retried: Promise<void> | undefined
    const chat = createChat({
      client: server.client(),
      request,
      callOptions: {
        headers: {
          'x-emulator-fault': 'fail_then_succeed;times=1;with=server_error;key=on-error-regenerates',
        },
      },
      onError: (error) => {
        errors.push(error)
        retried = chat.regenerate()
      },
    })
    await chat.send('Hello')
    await retried
    const { messages, status, error } = chat.getSnapshot()
    expect(errors.map((failure) => failure.constructor)).toEqual([ServerError])
    expect([status, error]).toEqual(['ready', undefined])
    expect(messages.map((message) => message.role)).toEqual(['user', 'assistant'])
    expect(messages[1]).toMatchObject({ state: 'complete' })
    expect(messages[1]?.content).toContain('Hello')
  })
})

describe('a subscriber that starts the next turn as soon as the chat is idle', () => {
  it.each([
    ['ends well', {}],
    ['is cut mid-stream', { 'x-emulator-fault': 'cut;after=3' }],
  ])(
    'sends the queued message; onFinish still hears of the reply that %s, with its own thread',
    async (_, headers) => {
      const finished: ChatFinishEvent[] = []
      const queued = ['second question']
      let next: Promise<void> | undefined
      const chat = createChat({
        client: server.client(),
        request,
        callOptions: { headers },
        throttle: 0,
        onFinish: (event) => finished.push(event),
      })
      chat.subscribe(() => {
        const { status } = chat.getSnapshot()
        const idle = status === 'ready' || status === 'error'
        if (idle && queued.length > 0) next = chat.send(queued.shift() as string)
      })
      await chat.send('first question')
      await next
      const [first] = finished
      expect(first?.message).toMatchObject({ role: 'assistant' })
      expect(first?.message.content).toMatch(/^You said/)
      expect(first?.messages.map((message) => message.role)).toEqual(['user', 'assistant'])
      expect(chat.getSnapshot().messages.map((message) => message.role)).toEqual([
        'user',
        'assistant',
        'user',
        'assistant',
      ])
    },
  )

  it('answers a call that awaits its result when it hears ready, and the chat goes on', async () => {
    const sent: ChatMessage[][] = []
    const weather = {
      type: 'function' as const,
      function: {
        name: 'get_weather',
        parameters: { type: 'object', properties: { location: { type: 'string' } }, required: ['location'] },
      },
    }
    const chat = createChat({
      client: server.recordingClient(sent),
      request: { ...request, tools: [weather] },
    })
    chat.subscribe(() => {
      const { status, messages } = chat.getSnapshot()
      const waiting = (messages.at(-1) as AssistantThreadMessage | undefined)?.toolCalls?.find(
        (call) => call.state === 'awaiting-result',
      )
      if (status === 'ready' && waiting) chat.addToolResult({ toolCallId: waiting.id, result: '22 °C' })
    })
    await chat.send('weather in Paris')
    await whenSnapshot(chat, ({ status, messages }) => status === 'ready' && messages.length === 3)
    expect(sent).toHaveLength(2)
    expect(sent[1]?.at(-1)).toMatchObject({ role: 'tool', content: '22 °C' })
  })
})

describe('a callback that throws does not break the chat', () => {
  it('a throwing onFinish is reported as an unhandled rejection; the turn ends ready', async () => {
    const failure = new Error('the analytics call failed')
    const chat = createChat({
      client: server.client(),
      request,
      onFinish: () => {
        throw failure
      },
    })
    const reported = await unhandledRejections(() => chat.send('Hello'))
    expect(reported).toEqual([failure])
    expect(chat.getSnapshot()).toMatchObject({ status: 'ready', error: undefined })
    expect(chat.getSnapshot().messages[1]).toMatchObject({ state: 'complete', content: 'You said: Hello' })
  })

  it('with a throwing onFinish, the client tools still run and the chat goes on to the answer', async () => {
    const { weather, calls } = weatherTool()
    const chat = createChat({
      client: server.client(),
      request,
      tools: chatTools([weather]),
      onFinish: () => {
        throw new Error('the analytics call failed')
      },
    })
    const reported = await unhandledRejections(() => chat.send('weather in Paris'))
    // One report per reply: the one asking for the tool, and the answer.
    expect(reported).toHaveLength(2)
    expect(calls).toEqual(['Paris'])
    const [, asked, answered] = chat.getSnapshot().messages as AssistantThreadMessage[]
    expect(asked?.toolCalls).toMatchObject([{ state: 'done', result: 'Paris: 22 °C' }])
    expect(answered?.content).toMatch(/^Here is what I found/)
    expect(chat.getSnapshot().status).toBe('ready')
  })

  it('a throwing onError is reported as an unhandled rejection; the failure stays in the snapshot', async () => {
    const thrown = new Error('the error toast failed')
    const chat = createChat({
      client: server.client(),
      request,
      callOptions: { headers: { 'x-emulator-fault': 'server_error' } },
      onError: () => {
        throw thrown
      },
    })
    const reported = await unhandledRejections(() => chat.send('Hello'))
    expect(reported).toEqual([thrown])
    const { status, error } = chat.getSnapshot()
    expect([status, error?.constructor]).toEqual(['error', ServerError])
    chat.setOptions({ callOptions: {}, onError: undefined })
    await chat.send('again')
    expect(chat.getSnapshot().status).toBe('ready')
  })
})

describe('a subscriber that throws', () => {
  it('is reported, and neither keeps the other subscribers from the snapshots nor breaks the turn', async () => {
    const chat = createChat({ client: server.client(), request })
    const failure = new Error('a view crashed')
    chat.subscribe(() => {
      throw failure
    })
    const seen: string[] = []
    chat.subscribe(() => seen.push(chat.getSnapshot().status))
    const reported = await unhandledRejections(() => chat.send('Hello'))
    expect(reported.length).toBeGreaterThan(0)
    expect(reported.every((error) => error === failure)).toBe(true)
    expect(seen.at(-1)).toBe('ready')
    expect(seen).toContain('streaming')
    expect(chat.getSnapshot().messages[1]).toMatchObject({ state: 'complete', content: 'You said: Hello' })
  })
})

describe('needsApproval that throws', () => {
  it('is reported; the call awaits approval (its tool does not run unasked), the reply is kept, the turn ends ready', async () => {
    const { weather, calls } = weatherTool()
    const failure = new Error('the approval policy crashed')
    const finished: AssistantThreadMessage[] = []
    const chat = createChat({
      client: server.client(),
      request,
      tools: chatTools([weather]),
      needsApproval: () => {
        throw failure
      },
      onFinish: ({ message }) => finished.push(message),
    })
    const reported = await unhandledRejections(() => chat.send('weather in Paris'))
    expect(reported).toEqual([failure])
    const { messages, status, error } = chat.getSnapshot()
    expect([status, error]).toEqual(['ready', undefined])
    const asked = messages[1] as AssistantThreadMessage
    expect(asked).toMatchObject({ role: 'assistant', state: 'complete', outcome: { type: 'tool_calls' } })
    expect(asked.toolCalls).toMatchObject([
      { name: 'get_weather', input: { location: 'Paris' }, state: 'awaiting-approval' },
    ])
    expect(finished).toEqual([asked])
    expect(calls).toEqual([])
    await chat.respondToApproval({ toolCallId: asked.toolCalls[0]?.id as string, approved: true })
    expect(calls).toEqual(['Paris'])
    expect(chat.getSnapshot().status).toBe('ready')
    expect(chat.getSnapshot().messages[2]?.content).toMatch(/^Here is what I found/)
  })
})

describe('a request function that throws fails the turn as a failed request does', () => {
  it('status error with a ChatError saying so (its cause what was thrown), the message kept, send resolves', async () => {
    const failure = new Error('the settings store is offline')
    const errors: ChatError[] = []
    const chat = createChat({
      client: server.client(),
      request: () => {
        throw failure
      },
      onError: (error) => errors.push(error),
    })
    await chat.send('my secret plan')
    const { messages, status, error } = chat.getSnapshot()
    expect(status).toBe('error')
    expect(error).toBeInstanceOf(ChatError)
    expect(error?.message).toBe(
      "The chat's turn failed: an option threw, or a chunk of its code did not load",
    )
    expect(error?.cause).toBe(failure)
    expect(errors).toEqual([error])
    expect(messages).toMatchObject([{ role: 'user', content: 'my secret plan' }])
    expect(server.emulator.requests).toHaveLength(0)
    chat.setOptions({ request })
    await chat.regenerate()
    expect(chat.getSnapshot()).toMatchObject({ status: 'ready', error: undefined })
    expect(chat.getSnapshot().messages[1]?.content).toBe('You said: my secret plan')
  })

  it('thrown for the request after a tool result (the chat going on by itself), it fails that turn: status error', async () => {
    const failure = new Error('the settings store is offline')
    let requests = 0
    const weather = tool({ name: 'get_weather', parameters: z.object({ location: z.string() }) })
    const chat = createChat({
      client: server.client(),
      request: () => {
        if (requests++ > 0) throw failure
        return request
      },
      tools: chatTools([weather]),
    })
    await chat.send('weather in Paris')
    const call = (chat.getSnapshot().messages[1] as AssistantThreadMessage).toolCalls[0]
    chat.addToolResult({ toolCallId: call?.id as string, result: '22 °C' })
    const failed = await whenSnapshot(chat, (snapshot) => snapshot.status !== 'submitted')
    expect([failed.status, failed.error?.cause]).toEqual(['error', failure])
    expect(failed.messages.map((message) => message.role)).toEqual(['user', 'assistant'])
    expect(server.emulator.requests).toHaveLength(1)
  })
})

describe('other options of a turn that throw fail it the same way', () => {
  it('a generateId that throws for the reply: status error, the user message kept, send resolves', async () => {
    const failure = new Error('the id service is down')
    const ids = ['user-1']
    const chat = createChat({
      client: server.client(),
      id: 'chat-1',
      request,
      generateId: () => {
        const id = ids.shift()
        if (id === undefined) throw failure
        return id
      },
    })
    await chat.send('Hello')
    const { messages, status, error } = chat.getSnapshot()
    expect([status, error?.message, error?.cause]).toEqual([
      'error',
      "The chat's turn failed: an option threw, or a chunk of its code did not load",
      failure,
    ])
    expect(messages).toEqual([{ id: 'user-1', role: 'user', content: 'Hello' }])
  })

  it('a generateId that throws for the user message: send rejects with it and adds nothing', async () => {
    const failure = new Error('the id service is down')
    const chat = createChat({
      client: server.client(),
      id: 'chat-1',
      request,
      generateId: () => {
        throw failure
      },
    })
    expect(await rejection(chat.send('Hello'))).toBe(failure)
    expect(chat.getSnapshot()).toEqual({ messages: [], status: 'ready', error: undefined })
    await chat.send({ id: 'user-1', content: 'Hello' })
    expect(chat.getSnapshot()).toMatchObject({ status: 'error', messages: [{ id: 'user-1' }] })
  })

  it('a result given to addToolResult that JSON cannot hold: a TypeError at once, the call still waits, a good answer goes on', async () => {
    const weather = tool({ name: 'get_weather', parameters: z.object({ location: z.string() }) })
    const chat = createChat({ client: server.client(), request, tools: chatTools([weather]) })
    await chat.send('weather in Paris')
    const id = (chat.getSnapshot().messages[1] as AssistantThreadMessage).toolCalls[0]?.id as string
    const cycle: Record<string, unknown> = {}
    cycle.self = cycle
    for (const result of [{ celsius: 22n }, cycle, () => 22, Symbol('22')]) {
      expect(() => chat.addToolResult({ toolCallId: id, result })).toThrow(
        new TypeError(
          `addToolResult: the result for the tool call "${id}" cannot be sent as JSON (a BigInt, a cycle, a function or a throwing toJSON); the call still awaits its result`,
        ),
      )
    }
    expect(chat.getSnapshot()).toMatchObject({
      status: 'ready',
      messages: [{ role: 'user' }, { role: 'assistant', toolCalls: [{ id, state: 'awaiting-result' }] }],
    })
    expect(server.emulator.requests).toHaveLength(1)
    chat.addToolResult({ toolCallId: id, result: { celsius: 22 } })
    const answered = await whenSnapshot(chat, (snapshot) => snapshot.status === 'ready')
    expect(answered.messages.map((message) => message.role)).toEqual(['user', 'assistant', 'assistant'])
    expect(server.emulator.requests).toHaveLength(2)
  })

  it('a strict tool the strict rules refuse: status error with that InvalidRequestError itself, naming the field', async () => {
    const convert = tool({
      name: 'convert',
      parameters: z.strictObject({ value: z.number(), unit: z.string().optional() }),
      strict: true,
    })
    const chat = createChat({ client: server.client(), request, tools: chatTools([convert]) })
    await chat.send('Hello')
    const { messages, status, error } = chat.getSnapshot()
    expect([status, error?.constructor, (error as InvalidRequestError).path]).toEqual([
      'error',
      InvalidRequestError,
      'tools[0].function.parameters.properties.unit',
    ])
    expect(messages).toMatchObject([{ role: 'user', content: 'Hello' }])
    expect(server.emulator.requests).toHaveLength(0)
  })

  it("tools the request cannot declare (two of one name): status error, the TypeError as the ChatError's cause", async () => {
    const weather = tool({ name: 'get_weather', parameters: z.object({ location: z.string() }) })
    const chat = createChat({ client: server.client(), request, tools: chatTools([weather, weather]) })
    await chat.send('Hello')
    const { messages, status, error } = chat.getSnapshot()
    expect([status, error?.constructor, error?.cause?.constructor]).toEqual(['error', ChatError, TypeError])
    expect(error?.message).toBe(
      "The chat's turn failed: an option threw, or a chunk of its code did not load",
    )
    expect(messages).toMatchObject([{ role: 'user', content: 'Hello' }])
    expect(server.emulator.requests).toHaveLength(0)
  })
})
