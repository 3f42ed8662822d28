import type { Chat, ChatOptions } from '@chatwire/core'
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { StrictMode } from 'react'
import { afterEach, beforeEach, describe, expect, it, type MockInstance, vi } from 'vitest'
import { testServer } from './test/emulator.js'
import { installPendingTimers, type PendingTimers } from './test/pending-timers.js'
import { useChat } from './use-chat.js'

/**
 * Every chat made (by `useChat` too), with its live store subscriptions counted and the calls the store made
 * to a listener after it was unsubscribed (`late`).
 */
const made = vi.hoisted(() => [] as { chat: Chat; listeners(): number; late(): number }[])

vi.mock('@chatwire/core', async (importOriginal) => {
  const core = await importOriginal<typeof import('@chatwire/core')>()
  return {
    ...core,
    createChat(options: ChatOptions): Chat {
      const chat = core.createChat(options)
      let active = 0
      let late = 0
      const counted: Chat = {
        ...chat,
        subscribe(listener) {
          active++
          let subscribed = true
          const unsubscribe = chat.subscribe(() => {
            if (!subscribed) late++
            listener()
          })
          return () => {
            subscribed = false
            active--
            unsubscribe()
          }
        },
      }
      made.push({ chat: counted, listeners: () => active, late: () => late })
      return counted
    },
  }
})

const server = testServer()
let pending: PendingTimers
let errors: MockInstance<typeof console.error>
beforeEach(() => {
  made.length = 0
  errors = vi.spyOn(console, 'error')
  pending = installPendingTimers()
})
afterEach(() => {
  cleanup()
  pending.uninstall()
  errors.mockRestore()
})

const request = { model: 'gpt-4o-mini' }
// Three frames, then silence for far longer than any wait here: such a connection closes only when cut.
const stalled = { 'x-emulator-fault': 'stall;after=3;ms=50000' }
const slow = { 'x-emulator-fault': 'slow;ms=5' }

/** Nothing of any chat is left: no SDK timer or frame pending, no store listener, every connection closed. */
async function nothingLeft(): Promise<void> {
  await waitFor(
    () => {
      expect(server.closed.filter((line) => line.includes(' POST '))).toHaveLength(server.posts().length)
      expect({ timers: pending.timers(), frames: pending.frames() }).toEqual({ timers: 0, frames: 0 })
      expect(made.map((entry) => entry.listeners())).toEqual(made.map(() => 0))
    },
    { timeout: 15_000 },
  )
  // A publish now reaches no listener of an unmounted component: the store dropped them, not just React.
  for (const { chat } of made) chat.setMessages((messages) => messages)
  expect(made.map((entry) => entry.late())).toEqual(made.map(() => 0))
}

function Owner(props: { id?: string; headers: Record<string, string>; onChat?: (chat: Chat) => void }) {
  // Inline options, as an app writes them: a new object (and client, and callback) on every render.
  const { chat, status, send } = useChat({
    id: props.id,
    client: server.client(props.headers),
    request,
    onFinish: () => {},
  })
  props.onChat?.(chat)
  return (
    <>
      <p data-testid="status">{status}</p>
      <button type="button" onClick={() => void send('count to 300')}>
        send
      </button>
    </>
  )
}

describe('nothing is left behind', () => {
  it('a real unmount during a stream: no timer, frame or listener pending, and the connection is cut', async () => {
    let owned: Chat | undefined
    const { unmount } = render(<Owner headers={stalled} onChat={(chat) => (owned = chat)} />)
    fireEvent.click(screen.getByText('send'))
    await waitFor(() => expect(owned?.getSnapshot().status).toBe('streaming'))
    // The probe sees the SDK's timers: the request's deadline and the body's silence watch are pending now.
    expect(pending.timers()).toBeGreaterThan(0)
    expect(made[0]?.listeners()).toBeGreaterThan(0)
    unmount()
    await nothingLeft()
    expect(server.posts()).toHaveLength(1)
    expect(owned?.getSnapshot()).toMatchObject({ status: 'ready', messages: [{}, { state: 'stopped' }] })
    expect(errors).not.toHaveBeenCalled()
  })

  it('100 mount/unmount cycles, some mid-stream: nothing accumulates and React warns of nothing', async () => {
    for (let cycle = 0; cycle < 100; cycle++) {
      const streams = cycle % 5 === 0 || cycle % 5 === 1
      // Half of the streams stall (cut only by the unmount), half keep streaming deltas (frames asked for).
      const headers = cycle % 10 < 5 ? stalled : slow
      // Every other cycle under StrictMode: its replayed effects and double renders leave nothing either.
      const owner = <Owner headers={headers} />
      const { unmount } = render(cycle % 2 === 0 ? owner : <StrictMode>{owner}</StrictMode>)
      if (streams) {
        const asked = pending.framesAsked()
        fireEvent.click(screen.getByText('send'))
        await waitFor(() => expect(screen.getByTestId('status').textContent).toBe('streaming'))
        // A streaming reply publishes once per frame: unmount while the store has asked for frames.
        if (headers === slow) await waitFor(() => expect(pending.framesAsked()).toBeGreaterThan(asked))
      }
      act(() => unmount())
    }
    await nothingLeft()
    expect(made.length).toBeGreaterThanOrEqual(100)
    expect(server.posts()).toHaveLength(40)
    for (const { chat } of made) expect(chat.getSnapshot().status).toBe('ready')
    expect(errors).not.toHaveBeenCalled()
  })

  it('an id change mid-stream aborts the old chat’s request and leaves nothing of it behind', async () => {
    const seen: Chat[] = []
    const onChat = (chat: Chat) => {
      if (!seen.includes(chat)) seen.push(chat)
    }
    const { rerender, unmount } = render(<Owner id="first" headers={stalled} onChat={onChat} />)
    fireEvent.click(screen.getByText('send'))
    await waitFor(() => expect(seen[0]?.getSnapshot().status).toBe('streaming'))
    expect(pending.timers()).toBeGreaterThan(0)
    rerender(<Owner id="second" headers={stalled} onChat={onChat} />)
    const [first, second] = seen
    expect(second?.id).toBe('second')
    expect(screen.getByTestId('status').textContent).toBe('ready')
    await waitFor(
      () => {
        expect(server.closed.filter((line) => line.includes(' POST '))).toHaveLength(1)
        expect({ timers: pending.timers(), frames: pending.frames() }).toEqual({ timers: 0, frames: 0 })
        for (const entry of made) expect(entry.listeners()).toBe(entry.chat === second ? 1 : 0)
      },
      { timeout: 15_000 },
    )
    expect(first?.getSnapshot()).toMatchObject({ status: 'ready', messages: [{}, { state: 'stopped' }] })
    // The new chat works and its own stream is cut by the unmount in turn.
    fireEvent.click(screen.getByText('send'))
    await waitFor(() => expect(second?.getSnapshot().status).toBe('streaming'))
    unmount()
    await nothingLeft()
    expect(server.posts()).toHaveLength(2)
    expect(errors).not.toHaveBeenCalled()
  })
})
