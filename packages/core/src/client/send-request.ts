import type { PreparedRequest } from '../endpoint.js'
import { errorFromBody } from '../error-from-body.js'
import { ChatError, ConnectionError } from '../errors.js'
import { requestIdOf } from '../request-id.js'
import { retryDelay } from '../retry.js'
import type { ChatRequest } from '../schema/request.js'
import { linkSignals, sleep } from './abort.js'
import type { CallContext } from './call-context.js'
import { fetchFollowingRedirects } from './redirects.js'
import { checkHeaders, mergeHeaders } from './request-headers.js'
import { firstByteTimeout, idleTimeout, startWatchdog } from './timeouts.js'

/** A 2xx reply, with what reading its body needs. */
export interface Reply {
  readonly response: Response
  /** Aborted with the call, or with a `TimeoutError` once the body stays silent for `idleTimeout`. */
  readonly signal: AbortSignal
  /** Records that a piece of the body arrived: the idle countdown starts again. */
  touch(): void
  /** Stops the idle timer and unlinks the signal: call it once the body is read or abandoned. */
  close(): void
}

/**
 * Sends the request until a 2xx reply arrives, retrying what {@link retryDelay} allows after the delay it
 * gives (the sleep ends at once on abort). Retries happen only here, before any byte of a 2xx body was read,
 * so a stream is never sent twice once it began. Throws the last failure, not yet redacted.
 */
export async function sendRequest(call: CallContext, request: ChatRequest, stream: boolean): Promise<Reply> {
  const policy = { maxRetries: call.options.maxRetries, maxRetryDelay: call.options.maxRetryDelay }
  // The caller's headers are checked before the endpoint prepares anything (its token provider is a request too).
  checkHeaders(call.options.headers)
  for (let attempt = 1; ; attempt++) {
    try {
      return await attemptOnce(call, request, stream)
    } catch (error) {
      const failure = call.classify(error)
      const delay = retryDelay(attempt, failure, policy)
      if (delay === undefined) throw failure
      await sleep(delay, call.signal)
    }
  }
}

/**
 * One attempt: prepare, send, and either hand over a 2xx reply (the first-byte timer stopped, the idle timer
 * started) or throw the reply's typed error. A timeout is thrown as the `TimeoutError` it aborted with.
 */
async function attemptOnce(call: CallContext, request: ChatRequest, stream: boolean): Promise<Reply> {
  // A pre-aborted call prepares nothing (a token provider is a request too) and sends nothing.
  if (call.signal.aborted) throw call.signal.reason
  const prepared = await prepare(call, request, stream)
  call.remember(prepared.headers)
  const headers = mergeHeaders([
    [
      'headers',
      { 'content-type': 'application/json', accept: stream ? 'text/event-stream' : 'application/json' },
    ],
    [`${call.endpoint.name} headers`, prepared.headers],
    ['headers', call.options.headers],
  ])
  const controller = new AbortController()
  const unlink = linkSignals(controller, [call.signal])
  const { timeout, idleTimeout: idle } = call.options
  let watchdog = startWatchdog(controller, timeout, () => firstByteTimeout(call.endpoint.name, timeout))
  try {
    const init: RequestInit = {
      method: 'POST',
      headers,
      body: JSON.stringify(prepared.body),
      signal: controller.signal,
    }
    const response = await send(call, prepared.url, init)
    if (!response.ok) throw await replyError(call, response)
    watchdog.stop()
    watchdog = startWatchdog(controller, idle, () => idleTimeout(call.endpoint.name, idle))
    const { touch, stop } = watchdog
    return {
      response,
      signal: controller.signal,
      touch,
      close() {
        stop()
        unlink()
      },
    }
  } catch (error) {
    watchdog.stop()
    unlink()
    if (controller.signal.aborted && !call.signal.aborted) throw controller.signal.reason
    throw error
  }
}

/** The endpoint's request for this attempt, with `stream` set on the request it is given. */
async function prepare(call: CallContext, request: ChatRequest, stream: boolean): Promise<PreparedRequest> {
  try {
    return await call.endpoint.prepare(requestFor(request, stream), { stream, signal: call.signal })
  } catch (error) {
    if (error instanceof ChatError || call.signal.aborted) throw error
    const said = error instanceof Error ? error.message : String(error)
    throw new ChatError(`${call.endpoint.name} could not prepare the request: ${said}`, { cause: error })
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
  if (typeof fetch !== 'function') {
    throw new ChatError(
      'No fetch function: this runtime has no globalThis.fetch; pass one as the `fetch` option',
    )
  }
  try {
    return await fetchFollowingRedirects(fetch, url, init, call.endpoint.name)
  } catch (error) {
    if (error instanceof ChatError || (init.signal as AbortSignal).aborted) throw error
    throw new ConnectionError(
      `Could not reach ${call.endpoint.name} at ${originOf(url)}: ${describe(error)}`,
      {
        cause: error,
      },
    )
  }
}

/** The typed error of a non-2xx reply: the endpoint's mapping, else {@link errorFromBody}; status, headers and request id filled in. */
async function replyError(call: CallContext, response: Response): Promise<ChatError> {
  const text = await response.text()
  const body = parseJSON(text)
  const { status, headers } = response
  const error = call.endpoint.toError?.(status, body, headers) ?? errorFromBody(status, body, headers)
  const fields = error as {
    status: number | undefined
    headers: Headers | undefined
    requestId: string | undefined
  }
  fields.status ??= status
  fields.headers ??= headers
  fields.requestId ??= requestIdOf(headers)
  return error
}

function parseJSON(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}

function originOf(url: string): string {
  try {
    return new URL(url).origin
  } catch {
    return 'an invalid URL'
  }
}

/** "fetch failed (ECONNREFUSED)": the engine's words and the system's code, which says what went wrong. */
function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error)
  const cause = error.cause as { code?: unknown; message?: unknown } | undefined
  const code = typeof cause?.code === 'string' ? cause.code : undefined
  const inner = typeof cause?.message === 'string' && cause.message !== '' ? cause.message : undefined
  const detail = code ?? inner
  return detail === undefined ? error.message : `${error.message} (${detail})`
}
