import { type ChatSnapshot, createChat, type ThreadMessageInit } from '@chatwire/core'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { chatEmulator, recordSnapshots } from './chat-emulator.js'

const server = chatEmulator()
afterEach(() => {
  vi.unstubAllGlobals()
})

const request = { model: 'gpt-4o-mini' }
const numbers = (n: number) => `${Array.from({ length: n }, (_, i) => i + 1).join(', ')}.`
const history = (count: number): ThreadMessageInit[] =>
  Array.from({ length: count }, (_, i) => ({
    role: i % 2 === 0 ? 'user' : 'assistant',
    content: `message ${i}`,
  }))

/** Animation frames the test runs by hand: `frame()` runs the callbacks queued so far. */
function manualFrames() {
  let queue: FrameRequestCallback[] = []
  const requested = { count: 0 }
  vi.stubGlobal('requestAnimationFrame', (callback: FrameRequestCallback) => {
    requested.count++
    queue.push(callback)
    return queue.length
  })
  vi.stubGlobal('cancelAnimationFrame', () => {
    queue = []
  })
  return {
    requested,
    frame() {
      const run = queue
      queue = []
      for (const callback of run) callback(0)
    },
  }
}

describe('structural sharing', () => {
  it('a token replaces only the streaming message and the array; every other message keeps its identity', async () => {
    const chat = createChat({ client: server.client(), request, throttle: 0, messages: history(200) })
    const before = chat.getSnapshot().messages
    const snapshots = recordSnapshots(chat)
    await chat.send('count to 100')
    const streaming = snapshots.filter((snapshot) => snapshot.status === 'streaming')
    expect(streaming.length).toBeGreaterThan(50)
    // Counted with plain loops (tens of thousands of comparisons), then asserted once.
    let replaced = 0
    for (const snapshot of snapshots) {
      for (let i = 0; i < before.length; i++) if (snapshot.messages[i] !== before[i]) replaced++
    }
    expect(replaced).toBe(0)
    const changes = streaming.slice(1).map((current, i) => {
      const previous = streaming[i] as ChatSnapshot
      return [
        current.messages !== previous.messages,
        current.messages.at(-1) !== previous.messages.at(-1),
        current.messages.at(-2) === previous.messages.at(-2),
      ]
    })
    expect(changes.filter((change) => !change.every(Boolean))).toEqual([])
    expect(chat.getSnapshot().messages.at(-1)?.content).toBe(numbers(100))
  }, 30_000)

  it('getMessage finds any message of the published snapshot, the streaming one included', async () => {
    const chat = createChat({ client: server.client(), request, throttle: 0, messages: history(10) })
    const seen: (string | undefined)[] = []
    chat.subscribe(() => {
      const last = chat.getSnapshot().messages.at(-1)
      seen.push(last && chat.getMessage(last.id) === last ? 'same' : 'different')
    })
    await chat.send('count to 5')
    expect(new Set(seen)).toEqual(new Set(['same']))
    expect(chat.getMessage('init-3')).toBe(chat.getSnapshot().messages[3])
    expect(chat.getMessage('missing')).toBeUndefined()
  })
})

describe('publishing: at most one per frame, first token at once, final before the terminal status', () => {
  it('publishes the first token without waiting for a frame, then at most once per frame', async () => {
    const frames = manualFrames()
    const chat = createChat({ client: server.client(), request })
    const snapshots = recordSnapshots(chat)
    const turn = chat.send('count to 300')
    // No frame runs: the first token is published all the same, the rest wait for a frame.
    await new Promise<void>((resolve) => {
      const unsubscribe = chat.subscribe(() => {
        if (chat.getSnapshot().status !== 'streaming') return
        unsubscribe()
        resolve()
      })
    })
    expect(chat.getSnapshot().messages[1]?.content.length).toBeGreaterThan(0)
    const ticker = setInterval(() => frames.frame(), 2)
    await turn
    clearInterval(ticker)
    const streamingPublishes = snapshots.filter((snapshot) => snapshot.status === 'streaming').length
    expect(streamingPublishes).toBeLessThanOrEqual(frames.requested.count + 1)
    expect(chat.getSnapshot().messages[1]?.content).toBe(numbers(300))
  })

  it('a hidden tab (frames never run) still drains the whole stream and publishes the final reply', async () => {
    manualFrames()
    const chat = createChat({ client: server.client(), request })
    const snapshots = recordSnapshots(chat)
    await chat.send('count to 2000')
    expect(chat.getSnapshot()).toMatchObject({ status: 'ready' })
    expect(chat.getSnapshot().messages[1]?.content).toBe(numbers(2000))
    // Far fewer publishes than chunks: the fallback timer paces them, reading never waits for it.
    expect(snapshots.length).toBeLessThan(200)
  })

  it('no snapshot is terminal without the final content', async () => {
    manualFrames()
    const chat = createChat({ client: server.client(), request, throttle: 10_000 })
    const snapshots = recordSnapshots(chat)
    await chat.send('count to 500')
    const terminal = snapshots.filter((snapshot) => snapshot.status === 'ready')
    expect(terminal.length).toBeGreaterThan(0)
    for (const snapshot of terminal) expect(snapshot.messages[1]?.content).toBe(numbers(500))
  })

  it('with a throttle in ms, publishes at most once per window', async () => {
    const chat = createChat({
      client: server.client(),
      request,
      throttle: 40,
      callOptions: { headers: { 'x-emulator-fault': 'slow;ms=2' } },
    })
    const snapshots = recordSnapshots(chat)
    const started = performance.now()
    await chat.send('count to 200')
    const elapsed = performance.now() - started
    const streaming = snapshots.filter((snapshot) => snapshot.status === 'streaming').length
    expect(streaming).toBeLessThanOrEqual(Math.ceil(elapsed / 40) + 2)
    expect(streaming).toBeGreaterThan(1)
  })

  it('without animation frames (a server), publishes every delta with no timer', async () => {
    vi.stubGlobal('requestAnimationFrame', undefined)
    const timers = vi.spyOn(globalThis, 'setTimeout')
    const chat = createChat({ client: server.client(), request })
    const snapshots = recordSnapshots(chat)
    await chat.send('count to 50')
    const streaming = snapshots.filter((snapshot) => snapshot.status === 'streaming').length
    // One delta per number and one per separator, give or take the emulator's chunking.
    expect(streaming).toBeGreaterThanOrEqual(50)
    expect(timers.mock.calls.filter(([, ms]) => ms === 100)).toHaveLength(0)
    timers.mockRestore()
  })
})

describe('construction touches nothing', () => {
  it('makes no timer, no frame and no request', () => {
    const frames = manualFrames()
    const timers = vi.spyOn(globalThis, 'setTimeout')
    const chat = createChat({ client: server.client(), request, messages: history(3) })
    expect(chat.getSnapshot()).toMatchObject({ status: 'ready', error: undefined })
    expect([frames.requested.count, timers.mock.calls.length, server.emulator.requests.length]).toEqual([
      0, 0, 0,
    ])
    timers.mockRestore()
  })
})
