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
  /** A clock that each contender moves on by its own cost, slower in the rounds a busy neighbour runs. */
  function fakeMachine() {
    let now = 0
    let round = 0
    const order: string[] = []
    const busy = (at: number) => (at % 4 === 3 ? 3 : 1)
    const contender = (name: string, cost: number) => ({
      name,
      run: () => {
        order.push(name)
        now += cost * busy(Math.floor(round / 3))
        round++
      },
    })
    return { order, now: () => now, contender }
  }

  it('divides each time by the baseline of its own round, so a busy round cancels out', async () => {
    const machine = fakeMachine()
    const results = await interleave(
      [machine.contender('floor', 10), machine.contender('double', 20), machine.contender('same', 10)],
      {
        warmupRounds: 2,
        minRounds: 12,
        maxRounds: 12,
        budgetMs: 0,
        now: machine.now,
        random: createRandom(1),
      },
    )
    expect(results.map((r) => [r.contender, r.ratio, r.ratioQuartiles, r.rounds])).toEqual([
      ['floor', 1, [1, 1], 12],
      ['double', 2, [2, 2], 12],
      ['same', 1, [1, 1], 12],
    ])
    // The median time is the contender's own cost: three rounds of twelve were busy.
    expect(results[1]?.medianMs).toBe(20)
    // Every round ran each contender once, warm-up included, and the order was not always the same.
    expect(machine.order).toHaveLength(14 * 3)
    const rounds = Array.from({ length: 14 }, (_, at) => machine.order.slice(at * 3, at * 3 + 3).join())
    for (const round of rounds) expect(round.split(',').sort()).toEqual(['double', 'floor', 'same'])
    expect(new Set(rounds).size).toBeGreaterThan(1)
  })

  it('measures more rounds until the budget is spent, up to maxRounds', async () => {
    const run = async (budgetMs: number) => {
      const machine = fakeMachine()
      const contenders = [machine.contender('floor', 10), machine.contender('other', 10)]
      const options = { warmupRounds: 0, minRounds: 2, maxRounds: 50, now: machine.now, random: Math.random }
      return (await interleave(contenders, { ...options, budgetMs }))[0]?.rounds
    }
    expect(await run(0)).toBe(2)
    // 20 ms of measured time per round at the least (2 contenders, 10 each, 30 in a busy round).
    expect(await run(200)).toBeLessThanOrEqual(10)
    expect(await run(200)).toBeGreaterThan(2)
    expect(await run(1e9)).toBe(50)
  })
})
