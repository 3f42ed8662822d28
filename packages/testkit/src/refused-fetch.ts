/** A `fetch` that fails as a refused connection does, and how often it was called. */
export interface RefusedFetch {
  /** Rejects with `TypeError: fetch failed`, what `fetch` throws when nothing answers. */
  fetch(): Promise<Response>
  /** How many requests it was asked for. */
  readonly calls: number
}

/** Creates a {@link RefusedFetch}. */
export function refusedFetch(): RefusedFetch {
  let calls = 0
  return {
    async fetch() {
      calls++
      throw new TypeError('fetch failed')
    },
    get calls() {
      return calls
    },
  }
}
