import type { ChatEndpoint } from '../endpoint.js'
import { ChatError } from '../errors.js'
import type { ChatRequest } from '../schema/request.js'
import { loadChunk, type SignalSource, sharedSignal } from './abort.js'
import { openCall } from './call-context.js'
import { type CompleteResult, resultOf } from './chat-result.js'
import { type ChatStream, createChatStream } from './chat-stream.js'
import { preloadFailureCode } from './failure-code.js'
import type { ChatCallOptions, ChatClientOptions } from './options.js'
import { resolveCallOptions } from './options.js'
import { createRedactor } from './redaction.js'
import { checkHeaders, headersRecord, secretHeaderValues } from './request-headers.js'
import { sendRequest } from './send-request.js'
import { createValidator } from './validated.js'

/**
 * A chat-completions client for one endpoint. It holds no credential of its own: the endpoint keeps them.
 * `Request` is the request it takes: {@link ChatRequest}, an adapter's own (`OpenAIChatRequest`, …), and the
 * fields named by the `Extra` type parameter of the function that created it.
 */
export interface ChatClient<Request extends ChatRequest = ChatRequest> {
  /**
   * Sends a non-streamed request (`stream: false`, any `stream_options` left out) and resolves with the
   * completion, its outcome, its text and the reply's request id and headers. Rejects with a typed
   * `ChatError`; failures before the reply's body began are retried (see `retryDelay`).
   */
  complete(request: Request, options?: ChatCallOptions): Promise<CompleteResult>
  /**
   * Streams a request; see {@link ChatStream}. Nothing is sent until the stream is first read. Invalid
   * options (a `signal` that is not an `AbortSignal`, a negative timeout) throw here, before anything runs.
   */
  stream(request: Request, options?: ChatCallOptions): ChatStream
  /**
   * `text` cleaned as the client's errors are: of its credentials (the endpoint's key or token, those in its
   * headers and in `options.headers`) and of what looks like one. For a text the client did not write that
   * goes to the service: `runTools` cleans a tool's error with it before the model sees it.
   */
  redact?(text: string, options?: ChatCallOptions): string
}

/**
 * Creates a client that sends chat requests to `endpoint` (from an adapter: `openAIEndpoint(…)`, …) with the
 * given defaults; each call may override them.
 *
 * @example
 * const client = createChatClient(endpoint, { timeout: 30_000, idleTimeout: 15_000 })
 * const stream = client.stream({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }] })
 * for await (const event of stream) if (event.type === 'content.delta') write(event.delta)
 * const { text, outcome } = await stream.final()
 *
 * `Extra` names request fields the types do not know, which a service takes (`createChatClient<{ top_k?:
 * number }>(endpoint)`): without it, a field that is not {@link ChatRequest}'s is a compile error, as a
 * misspelling should be. Either way every field is sent as it is.
 */
export function createChatClient<Extra extends object = object>(
  endpoint: ChatEndpoint,
  options: ChatClientOptions = {},
): ChatClient<ChatRequest & Extra> {
  // Checked now so that a bad default fails where it is written, not at the first call.
  const { headers, signals } = resolveCallOptions(options)
  checkHeaders(headers)
  // The options are copied: a later change to the caller's object does not reach the client.
  const defaults: ChatClientOptions = { ...options, headers }
  // The client's signal as one source: one listener on it for all its calls.
  const shared: SignalSource | undefined = signals[0]
  // A call's signal likewise, per signal: a hundred concurrent calls given one request's signal add one
  // listener to it, not a hundred (which would print `MaxListenersExceededWarning` in Node). A source unlinks
  // from its signal once no call of it runs, and a signal nothing else holds is collected with its entry.
  const callSources = new WeakMap<AbortSignal, SignalSource>()
  const share = (signal: AbortSignal): SignalSource => {
    let source = callSources.get(signal)
    if (source === undefined) {
      source = sharedSignal(signal)
      callSources.set(signal, source)
    }
    return source
  }
  // A call given the client's own signal shares its source too.
  if (shared !== undefined) callSources.set(options.signal as AbortSignal, shared)
  // One validator for the client's calls: `validateRequest` loads with the first that validates.
  const validate = createValidator()
  // The code that reads a reply loads with the client's first complete() and is kept: an import() per call
  // costs several turns of the microtask queue (and a round trip to the hooks' thread under a module loader).
  let readCompletion: typeof import('./read-completion.js').readCompletion | undefined
  // The hooks' redaction loads with the first attempt that has a hook, and is kept likewise.
  let hooks: typeof import('./hooks.js') | undefined
  const loadHooks = async () => {
    hooks ??= await import('./hooks.js')
    return hooks
  }
  // The code of the rarer paths loads in the background once a first reply came (see failure-code.ts).
  let preloaded = false
  const replied = () => {
    if (preloaded) return
    preloaded = true
    preloadFailureCode()
  }

  return {
    async complete(request, callOptions) {
      const call = openCall(
        endpoint,
        resolveCallOptions(defaults, callOptions, shared, share),
        validate,
        loadHooks,
        replied,
      )
      try {
        const checked = call.options.validate ? await call.validate(request, call) : request
        const sent = await sendRequest(call, checked, false)
        try {
          readCompletion ??= (
            await loadChunk(
              import('./read-completion.js'),
              sent.signal,
              call.options,
              (cause) =>
                new ChatError(
                  `The ${endpoint.name} client could not load the code that reads a reply (a chunk of the app that did not load)`,
                  { cause },
                ),
            )
          ).readCompletion
          return resultOf(
            await readCompletion(sent, call.options.maxResponseBytes, (load) =>
              loadChunk(load, sent.signal, call.options),
            ),
            undefined,
            sent.response,
          )
        } finally {
          sent.close()
        }
      } catch (error) {
        // One that struck once the reply's headers came carries its request id and headers (`call.reply`).
        throw call.fail(error)
      } finally {
        call.close()
      }
    },
    redact(text, callOptions) {
      const merged = { ...headers, ...headersRecord(callOptions?.headers, 'headers') }
      return createRedactor(() => [...(endpoint.secrets?.() ?? []), ...secretHeaderValues(merged)]).text(text)
    },
    stream(request, callOptions) {
      const resolved = resolveCallOptions(defaults, callOptions, shared, share)
      return createChatStream(request, (controller) =>
        openCall(endpoint, resolved, validate, loadHooks, replied, controller),
      )
    },
  }
}
