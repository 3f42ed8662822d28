// The faults of apps/emulator as a table that every adapter's tests run through its own client: what a call
// must come to (a typed error, or an outcome) and how much text it keeps. Structural types only, so that this
// package depends on neither core nor vitest: a test file runs `observeFault` and compares whole values.

/** The options of a call that a fault case may set (a subset of core's `ChatCallOptions`). */
export interface FaultCallOptions {
  headers?: Record<string, string>
  maxRetries?: number
  timeout?: number
  idleTimeout?: number
}

/** What a fault case needs of a chat client (core's `ChatClient` fits). */
export interface FaultClient {
  complete(
    request: never,
    options?: FaultCallOptions,
  ): Promise<{
    completion: { choices: readonly { message: { content?: unknown }; finish_reason?: unknown }[] }
  }>
  stream(
    request: never,
    options?: FaultCallOptions,
  ): AsyncIterable<{ type: string; delta?: string; choiceIndex?: number }> & {
    final(): Promise<{
      completion: { choices: readonly { message: { content?: unknown } }[] }
      outcome: { type: string; reason?: string }
    }>
  }
}

/** One adapter under test: its client and the emulator behind it. */
export interface FaultSuite {
  client: FaultClient
  /** A chat request with one user message, as the adapter's dialect needs it (with or without `model`). */
  request(content: string): object
  /** The chat requests the emulator served since the last `reset()` (retries included). */
  requests(): number
  /** Forgets the emulator's request records and fail-then-succeed counters. */
  reset(): void
}

/** How a text relates to the full reply: all of it once, a strict prefix, nothing, or something else. */
export type TextShape = 'full' | 'prefix' | 'empty' | 'other'

/** What a call came to, in comparable form. */
export interface FaultObservation {
  /**
   * `error` when the call threw (or the stream's outcome was `error`); else the stream's outcome type, or the
   * `finish_reason` of `complete()`'s first choice.
   */
  result: string
  /** The error's class name (`RateLimitError`, …) when it threw. */
  error?: string
  status?: number
  /** `incomplete` outcomes: `no_finish_reason` or `truncated`. */
  reason?: string
  /** The text kept: the completion's, or the error's `partial` (streams). */
  text: TextShape
  /** How many requests reached the emulator: more than 1 means retries. */
  requests: number
}

/** A fault, the call options it runs with, and what `complete()` and `stream()` must come to. */
export interface FaultCase {
  /** The `x-emulator-fault` header. */
  fault: string
  options?: FaultCallOptions
  complete: FaultObservation
  stream: FaultObservation
}

/** The prompt every case sends; the emulator answers `You said: <prompt>`. */
export const FAULT_PROMPT = 'one two three four five six'
/** The full answer to {@link FAULT_PROMPT}. */
export const FAULT_REPLY = `You said: ${FAULT_PROMPT}`

const error = (
  name: string,
  status: number | undefined,
  text: TextShape = 'empty',
  requests = 1,
): FaultObservation => ({
  result: 'error',
  error: name,
  ...(status === undefined ? {} : { status }),
  text,
  requests,
})
const ok = (text: TextShape = 'full', requests = 1): FaultObservation => ({ result: 'stop', text, requests })
const both = (observation: FaultObservation) => ({ complete: observation, stream: observation })

/**
 * Every fault of the emulator, through an adapter that talks to it directly. No retries unless the case says
 * so (`maxRetries: 0`), short timeouts where the fault is about time.
 */
export const EMULATOR_FAULT_CASES: readonly FaultCase[] = [
  {
    fault: 'rate_limit;retry_after_ms=20',
    options: { maxRetries: 0 },
    ...both(error('RateLimitError', 429)),
  },
  {
    fault: 'fail_then_succeed;with=rate_limit;retry_after_ms=10;times=2',
    options: { maxRetries: 2 },
    ...both(ok('full', 3)),
  },
  { fault: 'server_error;status=503', options: { maxRetries: 0 }, ...both(error('ServerError', 503)) },
  {
    fault: 'fail_then_succeed;with=server_error;times=1',
    options: { maxRetries: 1 },
    ...both(ok('full', 2)),
  },
  { fault: 'html_error', options: { maxRetries: 0 }, ...both(error('ServerError', 502)) },
  { fault: 'unauthorized', ...both(error('AuthenticationError', 401)) },
  { fault: 'not_found', ...both(error('NotFoundError', 404)) },
  { fault: 'content_filter_prompt;category=violence', ...both(error('ContentFilterError', 400)) },
  {
    fault: 'content_filter_completion;after=2',
    ...both({ result: 'content_filter', text: 'prefix', requests: 1 }),
  },
  { fault: 'reset', options: { maxRetries: 0 }, ...both(error('ConnectionError', undefined)) },
  { fault: 'fail_then_succeed;with=reset;times=1', options: { maxRetries: 1 }, ...both(ok('full', 2)) },
  {
    fault: 'latency;ms=2000',
    // Time enough for the request to reach the emulator on a loaded machine (a token provider included), well
    // short of the reply's 2 s.
    options: { maxRetries: 0, timeout: 600 },
    ...both(error('TimeoutError', undefined)),
  },
  { fault: 'slow;ms=15', ...both(ok()) },
  {
    fault: 'reset_mid_stream;after=4',
    options: { maxRetries: 2 },
    complete: error('ConnectionError', undefined),
    // Never retried once the stream began: the text is not sent twice.
    stream: error('ConnectionError', undefined, 'prefix'),
  },
  {
    fault: 'stall;after=4;ms=5000',
    options: { maxRetries: 2, idleTimeout: 150 },
    complete: error('TimeoutError', undefined),
    stream: error('TimeoutError', undefined, 'prefix'),
  },
  {
    fault: 'malformed_json;after=4',
    complete: error('MalformedStreamError', 200),
    stream: error('MalformedStreamError', undefined, 'prefix'),
  },
  {
    fault: 'cut;after=4',
    complete: error('MalformedStreamError', 200),
    stream: { result: 'incomplete', reason: 'no_finish_reason', text: 'prefix', requests: 1 },
  },
  {
    fault: 'no_done',
    // Every choice finished: the missing [DONE] alone (proxies drop it) does not make the reply incomplete.
    ...both(ok()),
  },
  // A mid-stream error body states its status (the stream's own was 200), so each is typed as its status says.
  { fault: 'error_event;after=4', complete: ok(), stream: error('ServerError', 500, 'prefix') },
  { fault: 'error_event;after=4;status=429', complete: ok(), stream: error('RateLimitError', 429, 'prefix') },
  {
    fault: 'error_event;after=4;status=401',
    complete: ok(),
    stream: error('AuthenticationError', 401, 'prefix'),
  },
  {
    fault: 'error_payload;after=4;status=400',
    complete: ok(),
    stream: error('InvalidRequestError', 400, 'prefix'),
  },
  {
    fault: 'error_payload;after=4;status=503',
    complete: ok(),
    stream: error('ServerError', 503, 'prefix'),
  },
]

/** Runs one case through `complete()` or `stream()` and describes what it came to. */
export async function observeFault(
  suite: FaultSuite,
  fault: FaultCase,
  call: 'complete' | 'stream',
): Promise<FaultObservation> {
  suite.reset()
  const options = {
    ...fault.options,
    headers: { 'x-emulator-fault': fault.fault, ...fault.options?.headers },
  }
  const request = suite.request(FAULT_PROMPT) as never
  if (call === 'complete') {
    try {
      const { completion } = await suite.client.complete(request, options)
      const finish = completion.choices[0]?.finish_reason
      return { result: String(finish), text: shape(textOf(completion)), requests: suite.requests() }
    } catch (caught) {
      return { ...describeError(caught, undefined), text: 'empty', requests: suite.requests() }
    }
  }
  const stream = suite.client.stream(request, options)
  let streamed = ''
  let thrown: unknown
  try {
    for await (const event of stream)
      if (event.type === 'content.delta' && event.choiceIndex === 0) streamed += event.delta
  } catch (caught) {
    thrown = caught
  }
  const { completion, outcome } = await stream.final()
  // The events and the completion must agree: a text seen twice, or lost, is `other`.
  const kept = textOf(completion)
  const text = kept === streamed ? shape(kept) : 'other'
  const requests = suite.requests()
  if (thrown !== undefined || outcome.type === 'error') {
    return { ...describeError(thrown ?? (outcome as { error?: unknown }).error, outcome), text, requests }
  }
  return {
    result: outcome.type,
    ...(outcome.reason === undefined ? {} : { reason: outcome.reason }),
    text,
    requests,
  }
}

function describeError(
  caught: unknown,
  outcome: { type: string } | undefined,
): Omit<FaultObservation, 'text' | 'requests'> {
  const { name, status } = caught as { name?: unknown; status?: unknown }
  const described = {
    result: 'error',
    error: typeof name === 'string' ? name : String(caught),
    ...(typeof status === 'number' ? { status } : {}),
  }
  return outcome === undefined || outcome.type === 'error'
    ? described
    : { ...described, result: `error+${outcome.type}` }
}

function textOf(completion: { choices: readonly { message: { content?: unknown } }[] }): string {
  const content = completion.choices[0]?.message.content
  return typeof content === 'string' ? content : ''
}

function shape(text: string): TextShape {
  if (text === FAULT_REPLY) return 'full'
  if (text === '') return 'empty'
  return FAULT_REPLY.startsWith(text) ? 'prefix' : 'other'
}
