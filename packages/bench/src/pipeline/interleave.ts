// Side-by-side timing in rounds: every round runs each contender once, in a shuffled order, so that all of them
// are measured under the same conditions. On a shared machine, timing each contender in a block of its
// own (as vitest's bench does) measures the neighbours' load and the CPU's clock as much as the code: the
// ratio of two blocks moved by ±0.2× between runs here, while the ratio taken round by round moves by ±0.03×.

/** One way through the same work. The first contender of a list is the baseline the others are divided by. */
export interface Contender {
  name: string
  run: () => unknown
}

/** How long to measure. */
export interface InterleaveOptions {
  /** Rounds run first and discarded: the JIT's warm-up. */
  warmupRounds: number
  /** Rounds measured: at least `minRounds`, then more while the measured time is under `budgetMs`. */
  minRounds: number
  maxRounds: number
  budgetMs: number
  /** The clock, in ms. */
  now: () => number
  /** Uniform in [0, 1): shuffles each round's order (seeded, so that a run can be repeated). */
  random: () => number
}

/** One contender's figures. */
export interface InterleavedResult {
  contender: string
  /** The median of its times, in ms. */
  medianMs: number
  /** The median, over the rounds, of its time divided by the baseline's time in the same round. */
  ratio: number
  /** The interquartile range of that ratio: how much it moved from round to round. */
  ratioQuartiles: [number, number]
  /** The median, over the rounds, of its time less the baseline's time in the same round, in ms. */
  differenceMs: number
  rounds: number
}

/** Measures `contenders` in rotating rounds and returns their figures in the order given. */
export async function interleave(
  contenders: readonly Contender[],
  options: InterleaveOptions,
): Promise<InterleavedResult[]> {
  const count = contenders.length
  const times: number[][] = contenders.map(() => [])
  let rounds = 0
  let spent = 0
  for (let round = 0; round < options.warmupRounds + options.maxRounds; round++) {
    const measured = round >= options.warmupRounds
    if (measured && rounds >= options.minRounds && spent >= options.budgetMs) break
    // A contender also pays for collecting the garbage of the one before it: in a fixed or rotating order the
    // same one would always come first after the same other (the floor after `openai`'s heaps of garbage).
    for (const at of shuffled(count, options.random)) {
      const contender = contenders[at] as Contender
      const start = options.now()
      await contender.run()
      const took = options.now() - start
      if (measured) {
        ;(times[at] as number[]).push(took)
        spent += took
      }
    }
    if (measured) rounds++
  }
  const baseline = times[0] as number[]
  return contenders.map((contender, at) => {
    const own = times[at] as number[]
    const ratios = own.map((time, round) => time / (baseline[round] as number))
    const differences = own.map((time, round) => time - (baseline[round] as number))
    return {
      contender: contender.name,
      medianMs: quantile(own, 0.5),
      ratio: quantile(ratios, 0.5),
      ratioQuartiles: [quantile(ratios, 0.25), quantile(ratios, 0.75)],
      differenceMs: quantile(differences, 0.5),
      rounds,
    }
  })
}

/** 0 to `count - 1` in random order (Fisher–Yates). */
function shuffled(count: number, random: () => number): number[] {
  const order = Array.from({ length: count }, (_, at) => at)
  for (let at = count - 1; at > 0; at--) {
    const other = Math.floor(random() * (at + 1))
    ;[order[at], order[other]] = [order[other] as number, order[at] as number]
  }
  return order
}

/** The `q` quantile of `values`, interpolated between the two nearest ranks. */
export function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  const position = (sorted.length - 1) * q
  const below = Math.floor(position)
  const low = sorted[below] as number
  const high = sorted[Math.min(below + 1, sorted.length - 1)] as number
  return low + (high - low) * (position - below)
}
