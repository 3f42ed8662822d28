/** A `fetch` that answers from memory, and how often it was called. */
export interface CountedFetch {
  /** Counts the request, then answers with what the answer gave, or rejects with what it threw. */
  fetch(url: string, init: RequestInit): Promise<Response>
  /** How many requests it was asked for. */
  readonly calls: number
}

/**
 * Creates a {@link CountedFetch}. `answer` gets the request's number, counted from 1, and makes a new
 * `Response` each time (a body is read once).
 */
export function countedFetch(answer: (call: number) => Response | Promise<Response>): CountedFetch {
  let calls = 0
  return {
    async fetch() {
      calls++
      return answer(calls)
    },
    get calls() {
      return calls
    },
  }
}
