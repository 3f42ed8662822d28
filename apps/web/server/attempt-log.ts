import type { FetchFunction } from '@chatwire/core'

/** One HTTP attempt the server made upstream: what a person needs to see a retry happen. */
export interface Attempt {
  /** Counts up from 1 over the server's life. */
  seq: number
  /** The browser request it served (one per request; several attempts when retried). */
  turn: string
  /** The URL's path only: no host, no query, nothing that may hold a secret. */
  path: string
  /** The reply's status; 0 when no reply came (a reset connection). */
  status: number
  /** The `x-emulator-fault` it carried, if any. */
  fault: string | undefined
}

/** The last attempts, newest last, at most `limit` of them. */
export interface AttemptLog {
  list(): Attempt[]
  /** A `fetch` that records every attempt it makes under `turn`. */
  fetchFor(turn: string): FetchFunction
}

/** Creates an empty log that keeps the last `limit` attempts. */
export function createAttemptLog(limit = 200): AttemptLog {
  const attempts: Attempt[] = []
  let seq = 0
  const record = (attempt: Omit<Attempt, 'seq'>) => {
    attempts.push({ seq: ++seq, ...attempt })
    if (attempts.length > limit) attempts.shift()
  }
  return {
    list: () => [...attempts],
    fetchFor: (turn) => async (url, init) => {
      const path = new URL(url).pathname
      const fault = new Headers(init.headers).get('x-emulator-fault') ?? undefined
      try {
        const response = await fetch(url, init)
        record({ turn, path, status: response.status, fault })
        return response
      } catch (error) {
        record({ turn, path, status: 0, fault })
        throw error
      }
    },
  }
}
