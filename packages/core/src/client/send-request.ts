import type { PreparedRequest } from '../endpoint.js'
import { ChatError, ConnectionError, InvalidRequestError, TimeoutError } from '../errors.js'
import { requestIdOf } from '../request-id.js'
import type { ChatRequest } from '../schema/request.js'
import { abortable, type LoadRace, linkSignals, loadChunk } from './abort.js'
import type { CallContext } from './call-context.js'
import { fetchFollowingRedirects } from './redirects.js'
import { checkHeaders, mergeHeaders } from './request-headers.js'
import { attemptTimeout, idleTimeout, startDeadline, watchSilence } from './timeouts.js'

/** A 2xx reply whose body began (its first piece is read), with what reading the rest needs. */
export interface Reply {
  readonly response: Response
  /** Aborted with the call, or with a `TimeoutError` (`timeout`, `idleTimeout`). */
  readonly signal: AbortSignal
  /**
   * The next piece of the body (`done` at its end). Throws the signal's reason once it aborts, even if the
   * `fetch` in use ignores signals, and a {@link ConnectionError} when the connection is lost.
   */
  read(): Promise<ReadableStreamReadResult<Uint8Array>>
  /**
   * {@link Reply.read} in two steps, for a stream's reader, which awaits each network read once: the body
   * reader's own promise, with no `then` between. Hand what it resolves with to `received` (which gives it
   * back, or throws) and what it rejects with to `lost` (which gives the error to throw).
   */
  next(): Promise<ReadableStreamReadResult<Uint8Array>>
  received(result: ReadableStreamReadResult<Uint8Array>): ReadableStreamReadResult<Uint8Array>
  lost(error: unknown): unknown
  /** Stops the timers, cancels the body unless it was read to its end, unlinks the signal. Idempotent. */
  close(): void
}

/**
 * Sends the request until a 2xx reply's body begins, retrying what `retryDelay` allows after the delay
 * it gives (the sleep ends at once on abort). Retries happen only here, before any byte of a 2xx body reached
 * the caller, so a stream is never sent twice once it began. Throws the last failure, not yet redacted.
 */
export async function sendRequest(call: CallContext, request: ChatRequest, stream: boolean): Promise<Reply> {
  // The caller's headers are checked before the endpoint prepares anything (its token provider is a request too).
  checkHeaders(call.options.headers)
  for (let attempt = 1; ; attempt++) {
    let replied = false
    try {
      return await attemptOnce(call, request, stream, attempt, () => {
        replied = true
      })
    } catch (error) {
      const failure = call.classify(error)
      // Once a 2xx reply came, only a `timeout` before its first byte is retried: a reset may follow a reply the
      // service already generated (and billed). Anything else is thrown here, with nothing to load first.
      if (replied && !(failure instanceof TimeoutError && failure.option === 'timeout')) throw failure
      // The retry path loads with the first failure that may be retried (within the call's timers, a minute at
      // least: no attempt runs meanwhile); if it does not load in time, the failure is thrown as it is.
      const { waitToRetry } = await loadChunk(
        import('./retry-wait.js'),
        call.signal,
        call.options,
        () => failure,
      )
      await waitToRetry(call, attempt, failure)
    }
  }
}

/**
 * One attempt: prepare, send, and either hand over a 2xx reply whose first piece arrived or throw the reply's
 * typed error. Every wait (the token provider, `fetch`, the body) is raced with the attempt's signal, so
 * an abort or a timeout settles it even when the code awaited ignores its signal.
 */
async function attemptOnce(
  call: CallContext,
  request: ChatRequest,
  stream: boolean,
  attempt: number,
  replied: () => void,
): Promise<Reply> {
  // A pre-aborted call prepares nothing (a token provider is a request too) and sends nothing.
  if (call.signal.aborted) throw call.signal.reason
  // A reply of an earlier attempt (one whose first byte did not come in time) is not this one's.
  call.reply = undefined
  const controller = new AbortController()
  const { signal } = controller
  const unlink = linkSignals(controller, [call.signal])
  const name = call.endpoint.name
  const { timeout, idleTimeout: idle } = call.options
  const deadline = startDeadline(timeout, () => controller.abort(attemptTimeout(name, timeout, stream)))
  const silence = watchSilence(idle, () => controller.abort(idleTimeout(name, idle)))
  let arrived: Response | undefined
  let reader: ReadableStreamDefaultReader<Uint8Array> | undefined
  let drained = false
  // One listener per body, not one per read: cancelling makes a pending read() resolve as done.
  const onAbort = () => void reader?.cancel(signal.reason).catch(() => {})
  signal.addEventListener('abort', onAbort, { once: true })
  let closed = false
  const close = () => {
    if (closed) return
    closed = true
    deadline.stop()
    silence.stop()
    signal.removeEventListener('abort', onAbort)
    unlink()
    // A reply that no reader took (its hook threw, an abort came first) is freed too.
    if (reader === undefined) void arrived?.body?.cancel().catch(() => {})
    else if (!drained) void reader.cancel().catch(() => {})
  }

  /** Starts a read of the body: the reader's own promise, for `received` or `lost`. */
  function next(): Promise<ReadableStreamReadResult<Uint8Array>> {
    if (reader === undefined || drained) return Promise.resolve({ done: true, value: undefined })
    silence.waiting()
    return reader.read()
  }
  /** Checks a piece that arrived: the timers learn of it, and an abort wins over it. */
  function received(result: ReadableStreamReadResult<Uint8Array>): ReadableStreamReadResult<Uint8Array> {
    silence.received()
    if (signal.aborted) throw signal.reason
    if (result.done) {
      drained = true
      deadline.stop()
      silence.stop()
    } else if (stream) {
      // `timeout` bounds a stream's wait for its first byte; from then on only silence counts.
      deadline.stop()
    }
    return result
  }
  /** The error a failed read is: the abort's reason once aborted, else the connection was lost. */
  function lost(error: unknown): unknown {
    silence.received()
    if (signal.aborted) return signal.reason
    // A stream's reader also sees the typed errors of the stages above the body (an error event).
    if (error instanceof ChatError) return error
    return new ConnectionError('The connection was lost while reading the reply', { cause: error })
  }
  function read(): Promise<ReadableStreamReadResult<Uint8Array>> {
    return next().then(received, (error: unknown) => {
      throw lost(error)
    })
  }

  try {
    const prepared = await abortable(prepare(call, request, stream, signal), signal)
    call.remember(prepared)
    const headers = mergeHeaders([
      [
        'headers',
        { 'content-type': 'application/json', accept: stream ? 'text/event-stream' : 'application/json' },
      ],
      [`${name} headers`, prepared.headers],
      ['headers', call.options.headers],
    ])
    let body: string
    try {
      body = JSON.stringify(prepared.body)
    } catch (error) {
      // The search for the field that threw loads now; if it does not load, the error says less, typed alike.
      const search = await loadChunk(
        import('./unserializable.js'),
        signal,
        call.options,
        () => new InvalidRequestError('The request cannot be serialised as JSON', { cause: error }),
      )
      throw search.unserializable(prepared.body, error)
    }
    const init: RequestInit = { method: 'POST', headers, body, signal }
    const { onRequest, onResponse } = call.options.hooks
    if (onRequest)
      await callHook(call, signal, 'onRequest', onRequest, {
        attempt,
        method: 'POST',
        url: prepared.url,
        headers,
      })
    const sending = send(call, prepared.url, init)
    // A reply that comes after the attempt gave up (a fetch that ignores its signal) is not read: freed.
    sending.then(
      (late) => signal.aborted && void late.body?.cancel().catch(() => {}),
      () => {},
    )
    const response = await abortable(sending, signal)
    arrived = response
    call.replied()
    // From here on, every error of a 2xx reply carries its request id and headers (`call.fail`).
    if (response.ok) call.reply = response
    if (onResponse) {
      const { status, headers } = response
      await callHook(call, signal, 'onResponse', onResponse, { attempt, url: prepared.url, status, headers })
    }
    // The error path loads with the first error reply: an app's bundle holds it in a lazy chunk. If it does
    // not load (within the call's timers), the error says less, with the reply's status and request id.
    if (!response.ok) {
      const { status, headers } = response
      const race: LoadRace = (load) =>
        loadChunk(
          load,
          signal,
          call.options,
          (cause) =>
            new ChatError(
              `${name} answered ${status}, and the code that reads its error could not load (a chunk of the app that did not load)`,
              { status, headers, requestId: requestIdOf(headers), cause },
            ),
        )
      const { replyError } = await race(import('./reply-error.js'))
      const error = await abortable(replyError(call, response, race), signal)
      ;(error as { requestId: string | undefined }).requestId ??= requestIdOf(response.headers)
      throw error
    }
    replied()
    reader = response.body?.getReader()
    const first = await read()
    let pending: ReadableStreamReadResult<Uint8Array> | undefined = first
    // The first piece was read (and checked) to know the body began; the first read of the reply gives it.
    const firstOr =
      (then: () => Promise<ReadableStreamReadResult<Uint8Array>>) =>
      (): Promise<ReadableStreamReadResult<Uint8Array>> => {
        if (pending === undefined) return then()
        const piece = pending
        pending = undefined
        return Promise.resolve(piece)
      }
    return { response, signal, read: firstOr(read), next: firstOr(next), received, lost, close }
  } catch (error) {
    close()
    if (signal.aborted && !call.signal.aborted) throw signal.reason
    throw error
  }
}

/**
 * Calls `hook` with `event` redacted by hooks.ts, which the call's client loads with its first attempt that
 * has a hook, and keeps. If it does not load, the attempt fails with a ChatError that says so: a hook never
 * gets an event that was not redacted. A hook that throws fails the call (see `CallContext.hookThrew`).
 */
async function callHook<E extends { url: string; headers: Headers }>(
  call: CallContext,
  signal: AbortSignal,
  name: 'onRequest' | 'onResponse',
  hook: (event: E) => void,
  event: E,
): Promise<void> {
  const { exchangeEvent } = await loadChunk(
    call.loadHooks(),
    signal,
    call.options,
    (cause) =>
      new ChatError(`The ${call.endpoint.name} hooks could not load (a chunk of the app that did not load)`, {
        cause,
      }),
  )
  try {
    hook(exchangeEvent(event, call.redact))
  } catch (error) {
    throw call.hookThrew(name, error)
  }
}

/** The endpoint's request for this attempt, with `stream` set on the request it is given. */
async function prepare(
  call: CallContext,
  request: ChatRequest,
  stream: boolean,
  signal: AbortSignal,
): Promise<PreparedRequest> {
  try {
    return await call.endpoint.prepare(requestFor(request, stream), { stream, signal })
  } catch (error) {
    if (error instanceof ChatError || signal.aborted) throw error
    // Its wrapping loads then; if it does not load, the error is thrown as it is (the caller wraps it alike).
    const { unprepared } = await loadChunk(import('./unreachable.js'), signal, call.options, () => error)
    throw unprepared(call.endpoint.name, error)
  }
}

/** The request as sent: `stream` set; without `stream_options`, which services refuse on a non-stream request. */
export function requestFor(request: ChatRequest, stream: boolean): ChatRequest {
  if (stream) return { ...request, stream: true }
  const { stream_options: _ignored, ...rest } = request
  return { ...rest, stream: false }
}

/** `fetch` (the global one looked up now, unless one was given), with a rejection turned into a ConnectionError. */
async function send(call: CallContext, url: string, init: RequestInit): Promise<Response> {
  const fetch = call.options.fetch ?? globalThis.fetch
  const signal = init.signal as AbortSignal
  const race: LoadRace = (load) => loadChunk(load, signal, call.options)
  if (typeof fetch !== 'function') throw (await race(import('./unreachable.js'))).noFetch()
  try {
    return await fetchFollowingRedirects(fetch, url, init, call.endpoint.name, race)
  } catch (error) {
    if (error instanceof ChatError || signal.aborted) throw error
    // The words load with the first such failure; without them it is the same ConnectionError (retried alike).
    let message = `Could not reach ${call.endpoint.name}`
    try {
      message = (await race(import('./unreachable.js'))).unreachable(call.endpoint.name, url, error)
    } catch {}
    throw new ConnectionError(message, { cause: error })
  }
}
