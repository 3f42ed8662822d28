import type { ChatEndpoint, PreparedRequest } from '@chatwire/core'
import {
  type HeadersLike,
  headersRecord,
  normalizeHeaders,
  secretHeaderValues,
  secretQueryValues,
  urlUnder,
} from '@chatwire/core'
import { type AzureCredentialOptions, azureCredential } from './azure-credential.js'
import { checkDeploymentName } from './deployment-name.js'
import { toAzureError } from './to-azure-error.js'

const ORIGIN = 'azure-openai'

/** The latest generally available `api-version` of the deployments surface. */
export const AZURE_OPENAI_API_VERSION = '2024-10-21'

/** Where an Azure OpenAI deployment lives and how to reach it. */
export interface AzureOpenAIEndpointOptions extends AzureCredentialOptions {
  /**
   * `https://{resource}.openai.azure.com` (or your custom domain, which may have a path of its own); or give
   * `resourceName`. Not the URL of a request (the portal's Target URI): a path with `/openai`, a query, or a
   * path on an Azure host is a `TypeError`.
   */
  endpoint?: string | URL | undefined
  /** The resource's name: the endpoint becomes `https://{resourceName}.openai.azure.com`. */
  resourceName?: string | undefined
  /**
   * The deployment to call. On the v1 surface it is sent as `model`, unless the request names its own.
   */
  deployment: string
  /**
   * `2024-10-21` (the latest GA) unless set; previews such as `2025-04-01-preview` are accepted. `v1` selects
   * the v1 surface; `preview` or `latest` with `surface: 'v1'` are sent as they are.
   */
  apiVersion?: string | undefined
  /**
   * `deployments`: `/openai/deployments/{deployment}/chat/completions?api-version=…` (the default);
   * `v1`: `/openai/v1/chat/completions`, the OpenAI-shaped surface with the deployment as `model`.
   */
  surface?: 'deployments' | 'v1' | undefined
  /** Extra headers for every request (a record, a `Headers`, pairs); they override the auth header. */
  headers?: HeadersLike | undefined
}

const RESOURCE_NAME = /^[a-zA-Z0-9][a-zA-Z0-9-]{0,62}$/
// What the client adds itself, so that an endpoint holding it would be mangled: an `openai` segment (the
// portal's Target URI pasted whole, a trailing `/openai`), a query, or any path on an Azure host (a gateway
// on a domain of its own may put the resource under a path of its own). One test of the text: no parsing.
const REQUEST_URL = /\/openai(?![\w-])|\?|\.azure\.\w+\/./i
const OPENAI_SEGMENT = /\/openai(?![\w-])/i
const AZURE_HOST = /\.azure\.\w+$/i
const RESOURCE = 'https://{resource}.openai.azure.com'
const V1_VERSIONS = new Set(['v1', 'preview', 'latest'])

/**
 * The endpoint of an Azure OpenAI deployment, for `createChatClient`: the deployments surface with its
 * `api-version`, or the v1 surface. With `getToken` the token is asked for before every attempt.
 */
export function azureOpenAIEndpoint(options: AzureOpenAIEndpointOptions): ChatEndpoint {
  const deployment = checkDeploymentName(ORIGIN, options.deployment)
  const credential = azureCredential(ORIGIN, options)
  const base = resourceEndpoint(options)
  const { url, v1 } = chatURL(base, deployment, options.apiVersion, options.surface)
  const extra = normalizeHeaders(ORIGIN, headersRecord(options.headers, 'headers'))
  const extraSecrets = [...secretHeaderValues(extra), ...secretQueryValues(url)]

  return {
    name: ORIGIN,
    async prepare(request, { signal }): Promise<PreparedRequest> {
      const auth = await credential.headers(signal)
      const body: Record<string, unknown> = { ...request }
      if (v1 && typeof body.model !== 'string') body.model = deployment
      return { url, headers: { ...auth, ...extra }, body }
    },
    toError: toAzureError,
    secrets: () => [...credential.secrets(), ...extraSecrets],
  }
}

function resourceEndpoint(options: AzureOpenAIEndpointOptions): string | URL {
  const { endpoint, resourceName } = options
  if (endpoint === undefined && resourceName === undefined) {
    throw new TypeError(`${ORIGIN}: pass endpoint (${RESOURCE}) or resourceName`)
  }
  if (endpoint !== undefined && resourceName !== undefined) {
    throw new TypeError(`${ORIGIN}: pass either endpoint or resourceName, not both`)
  }
  if (endpoint !== undefined) {
    // `test` reads a URL as its text.
    if (REQUEST_URL.test(`${endpoint}`)) throw new TypeError(notAResourceEndpoint(`${endpoint}`))
    return endpoint
  }
  if (!RESOURCE_NAME.test(resourceName as string)) {
    throw new TypeError(
      `${ORIGIN}: resourceName must be letters, digits and '-' (the {resource} of {resource}.openai.azure.com)`,
    )
  }
  return `https://${resourceName}.openai.azure.com`
}

/**
 * What is wrong with an endpoint that holds what the client adds itself, and the endpoint to pass instead:
 * its origin (and, off Azure, a gateway's path before `/openai`). Neither its query nor the rest of its path is
 * quoted: a query may hold a key.
 */
function notAResourceEndpoint(endpoint: string): string {
  const what = OPENAI_SEGMENT.test(endpoint)
    ? 'its path holds /openai, which the client adds itself (the Target URI of the portal is the URL of a request)'
    : endpoint.includes('?')
      ? 'it has a query, which the client writes itself (the api-version is the option apiVersion)'
      : 'it has a path, and an Azure resource endpoint has none'
  let instead = RESOURCE
  try {
    const url = new URL(endpoint)
    const path = AZURE_HOST.test(url.hostname)
      ? ''
      : url.pathname.split(OPENAI_SEGMENT)[0]?.replace(/\/+$/, '')
    instead = `${url.origin}${path ?? ''}`
  } catch {}
  const inference = /\.azure\.\w+\/models(?:[/?#]|$)/i.test(endpoint)
    ? ' (/models is the endpoint of Azure AI Model Inference, which createAzureInference takes)'
    : ''
  return `${ORIGIN}: endpoint must be the resource endpoint (${RESOURCE}, or a gateway's base URL), not the URL of a request: ${what}${inference}. Pass endpoint: '${instead}', with deployment and apiVersion as options`
}

function chatURL(
  base: string | URL,
  deployment: string,
  apiVersion: string | undefined,
  surface: AzureOpenAIEndpointOptions['surface'],
): { url: string; v1: boolean } {
  if (apiVersion !== undefined && (typeof apiVersion !== 'string' || apiVersion.trim() === '')) {
    throw new TypeError(`${ORIGIN}: apiVersion is empty; leave it out for ${AZURE_OPENAI_API_VERSION}`)
  }
  const v1 = surface === 'v1' || (surface === undefined && apiVersion === 'v1')
  if (v1) {
    if (apiVersion !== undefined && !V1_VERSIONS.has(apiVersion)) {
      throw new TypeError(
        `${ORIGIN}: the v1 surface takes no dated api-version (got '${apiVersion}'); leave it out, or use 'preview'`,
      )
    }
    const query: Record<string, string> =
      apiVersion === undefined || apiVersion === 'v1' ? {} : { 'api-version': apiVersion }
    return { url: urlUnder(ORIGIN, 'endpoint', base, 'openai/v1/chat/completions', query), v1 }
  }
  if (apiVersion !== undefined && V1_VERSIONS.has(apiVersion)) {
    throw new TypeError(
      `${ORIGIN}: api-version '${apiVersion}' belongs to the v1 surface; pass surface: 'v1'`,
    )
  }
  const path = `openai/deployments/${encodeURIComponent(deployment)}/chat/completions`
  return {
    url: urlUnder(ORIGIN, 'endpoint', base, path, { 'api-version': apiVersion ?? AZURE_OPENAI_API_VERSION }),
    v1,
  }
}
