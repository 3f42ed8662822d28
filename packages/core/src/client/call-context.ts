import type { ChatEndpoint } from '../endpoint.js'
import { AbortError, ChatError } from '../errors.js'
import { requestIdOf } from '../request-id.js'
import type { ChatCompletion } from '../schema/response.js'
import { abortErrorOf, linkSignals } from './abort.js'
import type { ChatHooks } from './hooks.js'
import type { ResolvedCallOptions } from './options.js'
import { createRedactor, type Redactor, secretQueryValues } from './redaction.js'
import { secretHeaderValues } from './request-headers.js'
import type { Validator } from './validated.js'

/** One call of `complete()` or one stream: its endpoint, options, signal, and how its errors are finished. */
export interface CallContext {
  readonly endpoint: ChatEndpoint
  readonly options: ResolvedCallOptions
  /** Aborted by the caller's signals, by `ChatStream.abort()`, or when a stream's consumer stops. */
  readonly signal: AbortSignal
  readonly redact: Redactor
  /** Checks a request (the call's client's validator, which loads `validateRequest` once). */
  readonly validate: Validator
  /** The hooks' redaction (hooks.ts), which the call's client loads with its first attempt that has a hook. */
  readonly loadHooks: () => Promise<typeof import('./hooks.js')>
  /** Tells the call's client that a reply came: its first one loads the rarer paths' code (failure-code.ts). */
  readonly replied: () => void
  /**
   * The 2xx reply of the current attempt once its headers arrived (before its body is read), `undefined` until
   * then: {@link CallContext.fail} gives its request id and headers to every error that strikes after it.
   */
  reply: Response | undefined
  /**
   * Notes the credentials among the headers and in the URL's query that an endpoint prepared for one
   * attempt (a token computed per attempt), so that this call's errors are cleaned of them whatever other
   * calls do meanwhile.
   */
  remember(prepared: { readonly url: string; readonly headers: Readonly<Record<string, string>> }): void
  /**
   * What a failure is, as a {@link ChatError}: an {@link AbortError} whenever the call was aborted (its `reason`
   * is the signal's), a ChatError as it is, anything else wrapped.
   */
  classify(error: unknown): ChatError
  /**
   * {@link CallContext.classify}, plus `partial` when none is set, and the request id and headers of the 2xx
   * `reply` whose body it struck (a cut, a malformed chunk, an error event, a timeout; the call's
   * {@link CallContext.reply} unless given), redacted: the error to throw.
   */
  fail(error: unknown, partial?: ChatCompletion, reply?: Response): ChatError
  /**
   * The failure of a call whose hook threw `error`: a ChatError naming the hook, not retried, with `error` as
   * its cause (which {@link CallContext.fail} replaces with a clean copy of the same class).
   */
  hookThrew(hook: keyof ChatHooks, error: unknown): ChatError
  /** Removes the listeners from the caller's signals. */
  close(): void
}

/**
 * Opens a call: links the caller's signals to `controller` (which aborts at once if one already has), builds
 * the redactor from the endpoint's secrets and the credentials among the call's headers, and checks requests
 * with `validate`, its client's validator; `loadHooks` and `replied` are its client's too.
 */
export function openCall(
  endpoint: ChatEndpoint,
  options: ResolvedCallOptions,
  validate: Validator,
  loadHooks: CallContext['loadHooks'],
  replied: CallContext['replied'],
  controller: AbortController = new AbortController(),
): CallContext {
  const unlink = linkSignals(controller, options.signals)
  const { signal } = controller
  const prepared: string[] = []
  const redact = createRedactor(() => [
    ...(endpoint.secrets?.() ?? []),
    ...secretHeaderValues(options.headers),
    ...prepared,
  ])
  let aborted: AbortError | undefined

  function classify(error: unknown): ChatError {
    if (signal.aborted) {
      // One error per call, so that the stream's iteration and its outcome report the same object.
      aborted ??=
        error instanceof AbortError && error !== signal.reason
          ? error
          : abortErrorOf(signal, `The request to ${endpoint.name}`)
      return aborted
    }
    if (error instanceof ChatError) return error
    const said = error instanceof Error ? error.message : String(error)
    return new ChatError(`The ${endpoint.name} request failed unexpectedly: ${said}`, { cause: error })
  }

  const call: CallContext = {
    endpoint,
    options,
    signal,
    redact,
    validate,
    loadHooks,
    replied,
    reply: undefined,
    remember({ url, headers }) {
      for (const value of [...secretHeaderValues(headers), ...secretQueryValues(url)]) {
        if (!prepared.includes(value)) prepared.push(value)
      }
    },
    classify,
    fail(error, partial, reply = call.reply) {
      const failure = classify(error) as { -readonly [K in keyof ChatError]: ChatError[K] }
      failure.partial ??= partial
      if (reply !== undefined) {
        failure.headers ??= reply.headers
        failure.requestId ??= requestIdOf(reply.headers)
      }
      return redact.error(failure as ChatError)
    },
    hookThrew(hook, error) {
      const said = error instanceof Error ? `: ${error.message}` : ''
      return new ChatError(`The ${endpoint.name} ${hook} hook threw${said}`, { cause: error })
    },
    close: unlink,
  }
  return call
}
