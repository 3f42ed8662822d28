import { rejection } from '@chatwire/testkit'
import { describe, expect, it } from 'vitest'
import { lazy } from './lazy.js'

describe('lazy', () => {
  it('loads once and keeps the value: every call gets the same promise', async () => {
    let loads = 0
    const value = lazy(async () => ({ loaded: ++loads }))
    expect(value.current).toBeUndefined()
    const [first, second] = await Promise.all([value.load(), value.load()])
    expect(first).toBe(second)
    expect(await value.load()).toBe(first)
    expect(value.current).toBe(first)
    expect(loads).toBe(1)
  })

  it('tries again after a load that failed, instead of failing for good', async () => {
    const outcomes = [new Error('chunk did not load'), { loaded: true }]
    const value = lazy(async () => {
      const next = outcomes.shift()
      if (next instanceof Error) throw next
      return next
    })
    expect((await rejection<Error>(value.load())).message).toBe('chunk did not load')
    expect(value.current).toBeUndefined()
    expect(await value.load()).toEqual({ loaded: true })
    expect(value.current).toEqual({ loaded: true })
  })
})
