import { createRandom } from '@chatwire/testkit'
import { describe, expect, it } from 'vitest'
import { interleave, quantile } from './interleave.js'

describe('quantile', () => {
  it('interpolates between the nearest ranks, whatever the order given', () => {
    expect(quantile([3, 1, 2], 0.5)).toBe(2)
    expect(quantile([4, 1, 3, 2], 0.5)).toBe(2.5)
    expect(quantile([10, 20, 30, 40, 50], 0.25)).toBe(20)
    expect(quantile([7], 0.75)).toBe(7)
  })
})

describe('interleave', () => {
  /** A clock that each contender moves on by its own cost: `costs[name](call)` for its call number `call`. */
  function fakeMachine(costs: Record<string, (call: number) => number>) {
    let now = 0
    const order: string[] = []
    const calls = new Map<string, number>()
    const contender = (name: string) => ({
      name,
      run: () => {
        const call = calls.get(name) ?? 0
        calls.set(name, call + 1)
        order.push(name)
        now += (costs[name] as (call: number) => number)(call)
      },
    })
    return { order, now: () => now, contender }
  }

  it('divides each time by the baseline of its own round, not the medians by each other', async () => {
    // Rounds 1–3 after one warm-up round: per-round ratios 3, 1, 3 (median 3); the medians, 30 / 20, say 1.5.
    const floor = [5, 10, 20, 30]
    const other = [5, 30, 20, 90]
    const machine = fakeMachine({ floor: (call) => floor[call] ?? 0, other: (call) => other[call] ?? 0 })
    const [base, measured] = await interleave([machine.contender('floor'), machine.contender('other')], {
      warmupRounds: 1,
      minRounds: 3,
      maxRounds: 3,
      budgetMs: 0,
      now: machine.now,
      random: createRandom(1),
    })
    expect(base).toMatchObject({ contender: 'floor', ratio: 1, medianMs: 20, rounds: 3 })
    expect(measured).toMatchObject({ contender: 'other', ratio: 3, medianMs: 30, ratioQuartiles: [2, 3] })
    // Differences 20, 0, 60: their median, not the difference of the medians (10).
    expect(measured?.differenceMs).toBe(20)
  })

  it('runs every contender once a round, warm-up included, in an order that changes', async () => {
    const machine = fakeMachine({ a: () => 1, b: () => 1, c: () => 1 })
    const contenders = ['a', 'b', 'c'].map((name) => machine.contender(name))
    const options = { warmupRounds: 2, minRounds: 12, maxRounds: 12, budgetMs: 0, now: machine.now }
    await interleave(contenders, { ...options, random: createRandom(1) })
    expect(machine.order).toHaveLength(14 * 3)
    const rounds = Array.from({ length: 14 }, (_, at) => machine.order.slice(at * 3, at * 3 + 3).join())
    for (const round of rounds) expect(round.split(',').sort()).toEqual(['a', 'b', 'c'])
    expect(new Set(rounds).size).toBeGreaterThan(1)
  })

  it('measures more rounds until the budget is spent, up to maxRounds', async () => {
    const run = async (budgetMs: number) => {
      const machine = fakeMachine({ floor: () => 10, other: () => 10 })
      const contenders = [machine.contender('floor'), machine.contender('other')]
      const options = { warmupRounds: 0, minRounds: 2, maxRounds: 50, now: machine.now, random: Math.random }
      return (await interleave(contenders, { ...options, budgetMs }))[0]?.rounds
    }
    expect(await run(0)).toBe(2)
    // 20 ms of measured time a round: the round that reaches 200 is the last.
    expect(await run(200)).toBe(10)
    expect(await run(1e9)).toBe(50)
  })
})
