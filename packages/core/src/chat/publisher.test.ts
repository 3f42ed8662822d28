import { afterEach, describe, expect, it, vi } from 'vitest'
import { createPublisher } from './publisher.js'

afterEach(() => {
  vi.useRealTimers()
  vi.unstubAllGlobals()
})

describe('createPublisher', () => {
  it("'frame' without animation frames (a server): soon() publishes at once and sets no timer", () => {
    vi.stubGlobal('requestAnimationFrame', undefined)
    vi.useFakeTimers()
    const publish = vi.fn()
    const publisher = createPublisher(publish, () => 'frame')
    publisher.soon()
    publisher.soon()
    expect(publish).toHaveBeenCalledTimes(2)
    expect(vi.getTimerCount()).toBe(0)
  })

  it("'frame' with frames: one publish per frame however many soon() calls; now() cancels the pending one", () => {
    const frames: FrameRequestCallback[] = []
    vi.stubGlobal('requestAnimationFrame', (callback: FrameRequestCallback) => frames.push(callback))
    vi.stubGlobal('cancelAnimationFrame', vi.fn())
    vi.useFakeTimers()
    const publish = vi.fn()
    const publisher = createPublisher(publish, () => 'frame')
    for (let i = 0; i < 100; i++) publisher.soon()
    expect([publish.mock.calls.length, frames.length]).toEqual([0, 1])
    frames[0]?.(0)
    expect(publish).toHaveBeenCalledTimes(1)
    expect(vi.getTimerCount()).toBe(0)
    publisher.soon()
    publisher.now()
    expect(publish).toHaveBeenCalledTimes(2)
    expect(vi.getTimerCount()).toBe(0)
  })

  it('a hidden tab (frames never run) is published by the fallback timer', () => {
    vi.stubGlobal('requestAnimationFrame', () => 1)
    vi.stubGlobal('cancelAnimationFrame', () => {})
    vi.useFakeTimers()
    const publish = vi.fn()
    const publisher = createPublisher(publish, () => 'frame')
    publisher.soon()
    vi.advanceTimersByTime(100)
    expect(publish).toHaveBeenCalledTimes(1)
  })

  it('a throttle in ms publishes once per window; 0 publishes every time; now() takes the pending one', () => {
    vi.useFakeTimers()
    const publish = vi.fn()
    let throttle = 50
    const publisher = createPublisher(publish, () => throttle)
    publisher.soon()
    publisher.soon()
    vi.advanceTimersByTime(49)
    expect(publish).not.toHaveBeenCalled()
    vi.advanceTimersByTime(1)
    expect(publish).toHaveBeenCalledTimes(1)
    publisher.soon()
    publisher.now()
    vi.advanceTimersByTime(100)
    expect(publish).toHaveBeenCalledTimes(2)
    throttle = 0
    publisher.soon()
    expect(publish).toHaveBeenCalledTimes(3)
  })
})
