import { type CountedFetch, countedFetch } from './counted-fetch.js'

/**
 * A `fetch` that fails as a refused connection does, and how often it was called: its `fetch` rejects with
 * `TypeError: fetch failed`, what `fetch` throws when nothing answers.
 */
export type RefusedFetch = CountedFetch

/** Creates a {@link RefusedFetch}. */
export function refusedFetch(): RefusedFetch {
  return countedFetch(() => {
    throw new TypeError('fetch failed')
  })
}
