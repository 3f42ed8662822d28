import type { ChatError } from '../errors.js'
import { type Outcome, outcome } from '../outcome.js'
import { requestIdOf } from '../request-id.js'
import type { ChatCompletion } from '../schema/response.js'

/**
 * What a call came to, streamed (`stream().final()`) or not (`complete()`): the completion (partial if a
 * stream ended early), its typed outcome, the text of the first choice, and the reply's request id and headers.
 */
export interface ChatResult {
  completion: ChatCompletion
  /** The outcome of choice 0 (else of the first choice there is): `stop`, `length`, `tool_calls`, …, `incomplete` or `error`. */
  outcome: Outcome
  /** One outcome per choice, in index order (for `n > 1`); `[outcome]` when there is one choice. */
  outcomes: Outcome[]
  /** The text content of the same choice as `outcome`; `''` when it sent none (only tool calls, a refusal, an early failure). */
  text: string
  /** The service's request id (`x-request-id`, `apim-request-id`, `x-ms-request-id`), when it sent one. */
  requestId: string | undefined
  /** The reply's headers; `undefined` when no reply arrived (the call failed before it). */
  headers: Headers | undefined
  /**
   * `true` when the stream ended with `data: [DONE]`. `false` when it did not: proxies drop it, and the outcome
   * then goes by the finish reasons alone (every choice finished: its reason; one still open: `incomplete`);
   * also `false` for a stream that failed and for `complete()`, whose reply has no `[DONE]` to send.
   */
  sawDone: boolean
}

/** What `complete()` resolves with: a reply always came, so its headers are there. */
export interface CompleteResult extends ChatResult {
  headers: Headers
}

/** How a stream's body ended, for {@link resultOf}; `undefined` for a non-streamed reply. */
export interface StreamEnd {
  /** `data: [DONE]` arrived. */
  sawDone: boolean
  /** The bytes ended inside a frame. */
  truncated: boolean
}

/** The result of a call from its completion: outcomes of every choice, the first choice's text, the reply's ids. */
export function resultOf(completion: ChatCompletion, end: undefined, response: Response): CompleteResult
export function resultOf(
  completion: ChatCompletion,
  end: StreamEnd | undefined,
  response: Response | undefined,
  error?: ChatError,
): ChatResult
export function resultOf(
  completion: ChatCompletion,
  end: StreamEnd | undefined,
  response: Response | undefined,
  error?: ChatError,
): ChatResult {
  const indices = completion.choices.length > 0 ? completion.choices.map((choice) => choice.index) : [0]
  const truncated = end?.truncated
  const outcomes = indices.map((choice) => outcome({ completion, truncated, error, choice }))
  // `outcome` and `text` tell of one choice: index 0's, else the first there is (a reply of `index: 1` alone).
  const first = Math.max(0, indices.indexOf(0))
  const content = completion.choices[first]?.message.content
  const headers = response?.headers
  return {
    completion,
    outcome: outcomes[first] as Outcome,
    outcomes,
    text: typeof content === 'string' ? content : '',
    requestId: requestIdOf(headers) ?? error?.requestId,
    headers,
    sawDone: end?.sawDone === true,
  }
}
