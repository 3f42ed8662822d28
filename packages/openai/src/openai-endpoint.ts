import {
  assertServerSide,
  type ChatEndpoint,
  type ChatRequest,
  checkHeaderValue,
  type HeadersLike,
  headersRecord,
  InvalidRequestError,
  normalizeHeaders,
  type PreparedRequest,
  secretHeaderValues,
  secretQueryValues,
  urlUnder,
} from '@chatwire/core'
import type { OpenAIChatRequest } from './openai-request.js'

const ORIGIN = 'openai'

/** Where and how to reach OpenAI, or any host that speaks its `/v1/chat/completions`. */
export interface OpenAIEndpointOptions {
  /** The secret key, sent as `Authorization: Bearer …`. Optional for hosts that need none (a local server). */
  apiKey?: string | undefined
  /** `https://api.openai.com/v1` unless set: Groq, Together, vLLM, Ollama, a gateway… */
  baseURL?: string | URL | undefined
  /** Sent as `OpenAI-Organization`. */
  organization?: string | undefined
  /** Sent as `OpenAI-Project`. */
  project?: string | undefined
  /**
   * Extra headers for every request (a record, a `Headers`, pairs); they override the ones above (a
   * gateway's own auth, for instance).
   */
  headers?: HeadersLike | undefined
  /** Allows an `apiKey` in a browser, where every visitor can read it. Off by default. */
  dangerouslyAllowBrowser?: boolean | undefined
}

export const OPENAI_BASE_URL = 'https://api.openai.com/v1'

/**
 * The endpoint of OpenAI's `/v1/chat/completions` and compatible hosts, for `createChatClient`. The key stays
 * in this closure: the endpoint object holds no credential, and `secrets()` hands the key to the client so
 * that it is redacted from every error.
 */
export function openAIEndpoint(options: OpenAIEndpointOptions = {}): ChatEndpoint {
  const { apiKey, organization, project } = options
  if (apiKey !== undefined) {
    if (checkHeaderValue(ORIGIN, 'apiKey', apiKey).trim() === '')
      throw new TypeError(`${ORIGIN}: apiKey is empty`)
    assertServerSide(ORIGIN, options.dangerouslyAllowBrowser)
  }
  const url = urlUnder(ORIGIN, 'baseURL', options.baseURL ?? OPENAI_BASE_URL, 'chat/completions')
  const fixed: Record<string, string> = {}
  if (apiKey !== undefined) fixed.authorization = `Bearer ${apiKey}`
  if (organization !== undefined)
    fixed['openai-organization'] = checkHeaderValue(ORIGIN, 'organization', organization)
  if (project !== undefined) fixed['openai-project'] = checkHeaderValue(ORIGIN, 'project', project)
  const extra = normalizeHeaders(ORIGIN, headersRecord(options.headers, 'headers'))
  const headers = { ...fixed, ...extra }
  const secrets = [
    ...new Set([
      ...(apiKey === undefined ? [] : [apiKey]),
      ...secretHeaderValues(extra),
      // A gateway's key may sit in the base URL's query (`?code=…`): it is a credential like the others.
      ...secretQueryValues(url),
    ]),
  ]

  return {
    name: ORIGIN,
    prepare(request): PreparedRequest {
      requireModel(request)
      return { url, headers, body: { ...request } }
    },
    secrets: () => secrets,
  }
}

/** OpenAI names the model in the body: without one the service answers 400, so it is caught before sending. */
function requireModel(request: ChatRequest): asserts request is OpenAIChatRequest {
  if (typeof request.model === 'string' && request.model !== '') return
  throw new InvalidRequestError(
    `${ORIGIN}: the request names no model; set \`model\` (for example 'gpt-4o-mini')`,
    {
      issues: [{ path: 'model', message: 'Required: the model to use' }],
    },
  )
}
