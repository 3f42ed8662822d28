import {
  AbortError,
  abortable,
  type ChatClientOptions,
  type ChatEndpoint,
  ChatError,
  ConnectionError,
  createRedactor,
  DEFAULT_MAX_ERROR_BODY_BYTES,
  DEFAULT_TIMEOUT,
  type HeadersLike,
  headersRecord,
  MAX_TIMER_MS,
  normalizeHeaders,
  type PreparedRequest,
  ResponseTooLargeError,
  secretHeaderValues,
  secretQueryValues,
  TimeoutError,
  urlUnder,
} from '@chatwire/core'
import { readLimited, redactValues } from '@chatwire/core/error-body'
import * as v from 'valibot'
import { type AzureCredentialOptions, azureCredential } from './azure-credential.js'
import { type ModelInfo, ModelInfoSchema } from './model-info.js'
import { toAzureError } from './to-azure-error.js'

const ORIGIN = 'azure-inference'

/** The latest generally available `api-version` of Azure AI Model Inference. */
export const AZURE_INFERENCE_API_VERSION = '2025-05-01'

/**
 * What the service does with request fields its API does not define (`safe_prompt`, `n`, …), sent as the
 * `extra-parameters` header: `error` rejects them with a 422 (the service's default), `drop` ignores them,
 * `pass-through` hands them to the model.
 */
export type ExtraParameters = 'pass-through' | 'drop' | 'error'

/** Where an Azure AI Model Inference endpoint lives and how to reach it. */
export interface AzureInferenceEndpointOptions extends AzureCredentialOptions {
  /**
   * `https://{resource}.services.ai.azure.com/models` (Azure AI Foundry Models), or a serverless or managed
   * endpoint such as `https://{name}.{region}.models.ai.azure.com`. Not the URL of a request: a query, or a path
   * ending in `/chat/completions` or `/info` (or holding Azure OpenAI's `/openai`), is a `TypeError`.
   */
  endpoint: string | URL
  /** `2025-05-01` unless set. */
  apiVersion?: string | undefined
  /** The `extra-parameters` header; not sent unless set (the service then rejects extras). */
  extraParameters?: ExtraParameters | undefined
  /** The model (deployment) of requests that name none; without either the endpoint's default answers. */
  model?: string | undefined
  /**
   * Where a key goes: `api-key` (the default) or `authorization` (`Bearer <key>`, which serverless endpoints
   * also accept).
   */
  keyHeader?: 'api-key' | 'authorization' | undefined
  /** Extra headers for every request (a record, a `Headers`, pairs); they override the ones above. */
  headers?: HeadersLike | undefined
}

/** Options of one `getModelInfo` call. */
export interface ModelInfoOptions {
  /** The `fetch` to call; `globalThis.fetch` by default. */
  fetch?: ChatClientOptions['fetch']
  /** Aborts the call. */
  signal?: AbortSignal | undefined
  /** The most bytes of the reply that are read, after decompression. Default 1 MiB (it is a few hundred). */
  maxResponseBytes?: number | undefined
  /**
   * ms the whole call may take (the token, the reply's headers and its body); a `TimeoutError` after, so that
   * a silent server cannot hold the call forever. Default 10 minutes, as the client's `timeout`; 0 or
   * Infinity: no limit.
   */
  timeout?: number | undefined
}

/** An Azure AI Model Inference endpoint: a chat endpoint that can also describe its model. */
export interface AzureInferenceEndpoint extends ChatEndpoint {
  /** `GET /info`: the model behind the endpoint. */
  getModelInfo(options?: ModelInfoOptions): Promise<ModelInfo>
}

const EXTRA_PARAMETERS: readonly ExtraParameters[] = ['pass-through', 'drop', 'error']
// What the client adds itself, so that an endpoint holding it would be mangled: a path ending in one of its
// routes (a request URL pasted whole), a query, or Azure OpenAI's `/openai` (another client's). A path of the
// endpoint's own (`/models`) is fine. One test of the text: no parsing.
const REQUEST_URL = /\/(?:chat\/completions|info)\/?(?:[?#]|$)|\/openai(?:[/?#]|$)|\?/i

/**
 * The endpoint of Azure AI Model Inference (`/chat/completions?api-version=`), for `createChatClient`.
 * With `getToken` the token is asked for before every attempt. `stream_options` is left out unless extra
 * parameters pass through: every stream of the service ends with usage anyway.
 */
export function azureInferenceEndpoint(options: AzureInferenceEndpointOptions): AzureInferenceEndpoint {
  const credential = azureCredential(ORIGIN, options, options.keyHeader)
  const apiVersion = options.apiVersion ?? AZURE_INFERENCE_API_VERSION
  if (typeof apiVersion !== 'string' || apiVersion.trim() === '') {
    throw new TypeError(`${ORIGIN}: apiVersion is empty; leave it out for ${AZURE_INFERENCE_API_VERSION}`)
  }
  const { extraParameters, model } = options
  if (extraParameters !== undefined && !EXTRA_PARAMETERS.includes(extraParameters)) {
    throw new TypeError(`${ORIGIN}: extraParameters must be one of ${EXTRA_PARAMETERS.join(', ')}`)
  }
  if (model !== undefined && (typeof model !== 'string' || model === '')) {
    throw new TypeError(`${ORIGIN}: model is empty; leave it out for the endpoint's default model`)
  }
  if (REQUEST_URL.test(String(options.endpoint))) {
    throw new TypeError(
      `${ORIGIN}: endpoint must be the models endpoint (https://{resource}.services.ai.azure.com/models, or a serverless endpoint), not the URL of a request: apiVersion and model are options; an Azure OpenAI deployment takes createAzureOpenAI`,
    )
  }
  const query = { 'api-version': apiVersion }
  const chatURL = urlUnder(ORIGIN, 'endpoint', options.endpoint, 'chat/completions', query)
  const infoURL = urlUnder(ORIGIN, 'endpoint', options.endpoint, 'info', query)
  const fixed: Record<string, string> =
    extraParameters === undefined ? {} : { 'extra-parameters': extraParameters }
  const extra = normalizeHeaders(ORIGIN, headersRecord(options.headers, 'headers'))
  const extraSecrets = [...secretHeaderValues(extra), ...secretQueryValues(chatURL)]
  const secrets = () => [...credential.secrets(), ...extraSecrets]
  const redactor = createRedactor(secrets)

  return {
    name: ORIGIN,
    async prepare(request, { signal }): Promise<PreparedRequest> {
      const auth = await credential.headers(signal)
      const body: Record<string, unknown> = { ...request }
      // The API defines no `stream_options`: its streams always end with a usage chunk, and the field is an
      // extra that the default `extra-parameters` mode rejects with a 422. Sent only when extras reach the model.
      if (extraParameters !== 'pass-through') delete body.stream_options
      if (model !== undefined && typeof body.model !== 'string') body.model = model
      return { url: chatURL, headers: { ...fixed, ...auth, ...extra }, body }
    },
    toError: toAzureError,
    secrets,
    async getModelInfo(callOptions = {}) {
      const caller = callOptions.signal
      const ms = limitOf(callOptions.timeout)
      const controller = new AbortController()
      const { signal } = controller
      const onAbort = () => controller.abort(caller?.reason)
      if (caller?.aborted) throw aborted(caller)
      caller?.addEventListener('abort', onAbort, { once: true })
      const expire = () =>
        controller.abort(
          new TimeoutError(`${ORIGIN}: no complete reply to GET /info within ${ms} ms (timeout)`, {
            option: 'timeout',
          }),
        )
      const timer = ms === undefined ? undefined : setTimeout(expire, ms)
      try {
        return await abortable(readModelInfo(callOptions, signal), signal)
      } catch (error) {
        if (signal.aborted) {
          throw redactor.error(signal.reason instanceof TimeoutError ? signal.reason : aborted(signal))
        }
        throw redactor.error(
          error instanceof ChatError
            ? error
            : new ChatError(`${ORIGIN}: GET /info failed unexpectedly`, { cause: error }),
        )
      } finally {
        clearTimeout(timer)
        caller?.removeEventListener('abort', onAbort)
        controller.abort()
      }
    },
  }

  /** `GET /info` and its body, at most `maxResponseBytes` of it. Errors are redacted by the caller. */
  async function readModelInfo(callOptions: ModelInfoOptions, signal: AbortSignal): Promise<ModelInfo> {
    const headers = { accept: 'application/json', ...(await credential.headers(signal)), ...extra }
    const fetch = callOptions.fetch ?? globalThis.fetch
    let response: Response
    try {
      response = await fetch(infoURL, { headers, signal, redirect: 'error' })
    } catch (error) {
      if (signal.aborted) throw error
      const message = error instanceof Error ? error.message : String(error)
      throw new ConnectionError(`${ORIGIN}: GET /info failed: ${message}`, { cause: error })
    }
    const limit = callOptions.maxResponseBytes ?? DEFAULT_MAX_ERROR_BODY_BYTES
    const { text, truncated } = await readLimited(response.body, limit)
    // A body cut at the limit may end inside a key: marked cut, its tail is cleaned as a prefix of a secret.
    const body = redactValues(parse(redactor.exact(truncated ? `${text}…` : text)), redactor)
    if (!response.ok) throw await toAzureError(response.status, body, response.headers)
    if (truncated) {
      throw new ResponseTooLargeError(`${ORIGIN}: GET /info answered with more than ${limit} bytes`, {
        status: response.status,
        headers: response.headers,
        limit,
      })
    }
    const info = v.safeParse(ModelInfoSchema, body)
    if (info.success) return info.output
    throw new ChatError(`${ORIGIN}: GET /info answered with a body that does not describe a model`, {
      status: response.status,
      headers: response.headers,
    })
  }
}

/** The timer of a `timeout` option, checked as the client checks its own; `undefined` for no limit. */
function limitOf(timeout: unknown): number | undefined {
  const ms = timeout ?? DEFAULT_TIMEOUT
  if (typeof ms !== 'number' || !(ms >= 0)) {
    throw new RangeError(
      `${ORIGIN}: timeout must be a number ≥ 0 ms (0 or Infinity for no limit), got ${String(ms)}`,
    )
  }
  if (ms === 0 || ms === Number.POSITIVE_INFINITY) return undefined
  // A longer delay than setTimeout keeps would fire at once.
  if (ms > MAX_TIMER_MS) {
    throw new RangeError(
      `${ORIGIN}: timeout must be at most ${MAX_TIMER_MS} ms (about 24.8 days, the longest timer runtimes keep), ` +
        `got ${String(ms)}; use 0 or Infinity for no limit`,
    )
  }
  return ms
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}

/** The error of an aborted `GET /info`, like the client's: an `AbortError` that keeps the signal's reason. */
function aborted(signal: AbortSignal): AbortError {
  return new AbortError(`${ORIGIN}: GET /info was aborted`, { reason: signal.reason })
}
