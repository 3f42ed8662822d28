import { AZURE_OPENAI_API_VERSIONS, AZURE_V1_API_VERSIONS, MODEL_INFERENCE_API_VERSIONS } from './catalog.js'
import type { DialectName } from './dialects/dialect.js'
import type { Problem } from './problem.js'

/** What a request is for, once its method, path and api-version are understood. */
export type Route =
  | { kind: 'chat'; dialect: 'openai' }
  | { kind: 'chat'; dialect: 'azure-openai'; deployment: string | undefined; apiVersion: string | undefined }
  | { kind: 'chat'; dialect: 'model-inference'; apiVersion: string }
  | { kind: 'models'; dialect: 'openai' | 'azure-openai'; id: string | undefined }
  | { kind: 'info'; dialect: 'model-inference'; apiVersion: string }
  | { kind: 'index'; dialect: 'openai' }
  | { kind: 'health'; dialect: 'openai' }

/** The list the CLI and `GET /` print. */
export const ROUTES = [
  'POST /v1/chat/completions                                        OpenAI (Authorization: Bearer <key>)',
  'GET  /v1/models, /v1/models/{model}                              OpenAI',
  'POST /openai/deployments/{deployment}/chat/completions?api-version=2024-10-21   Azure OpenAI (api-key or Bearer)',
  'POST /openai/v1/chat/completions                                 Azure OpenAI v1 (model = deployment)',
  'GET  /openai/v1/models                                           Azure OpenAI v1',
  'POST /chat/completions?api-version=2025-05-01                    Azure AI Model Inference (also under /models)',
  'GET  /info?api-version=2025-05-01                                Azure AI Model Inference (also under /models)',
  'GET  /health',
] as const

/** A route, or the problem to answer instead (unknown path, wrong method, missing or unknown api-version). */
export type RouteMatch =
  | { route: Route }
  | { problem: Problem; dialect: DialectName; apiVersion?: string | undefined }

export function matchRoute(method: string, url: URL): RouteMatch {
  const path = url.pathname.replace(/\/+$/, '') || '/'
  const apiVersion = url.searchParams.get('api-version') ?? undefined
  const expect = (allowed: string, route: Route, dialect: DialectName = route.dialect): RouteMatch =>
    method === allowed
      ? { route }
      : { problem: { kind: 'method_not_allowed', allowed: [allowed] }, dialect, apiVersion }

  if (path === '/') return expect('GET', { kind: 'index', dialect: 'openai' })
  if (path === '/health') return expect('GET', { kind: 'health', dialect: 'openai' })
  if (path === '/v1/chat/completions') return expect('POST', { kind: 'chat', dialect: 'openai' })
  if (path === '/v1/models') return expect('GET', { kind: 'models', dialect: 'openai', id: undefined })
  const model = /^\/v1\/models\/(.+)$/.exec(path)
  if (model?.[1] !== undefined) {
    return expect('GET', { kind: 'models', dialect: 'openai', id: decodeURIComponent(model[1]) })
  }

  const deployment = /^\/openai\/deployments\/([^/]+)\/chat\/completions$/.exec(path)
  if (deployment?.[1] !== undefined) {
    const versionProblem = checkVersion(apiVersion, AZURE_OPENAI_API_VERSIONS, true)
    if (versionProblem !== undefined) return { problem: versionProblem, dialect: 'azure-openai', apiVersion }
    return expect('POST', {
      kind: 'chat',
      dialect: 'azure-openai',
      deployment: decodeURIComponent(deployment[1]),
      apiVersion,
    })
  }
  if (path === '/openai/v1/chat/completions' || path === '/openai/v1/models') {
    const versionProblem = checkVersion(apiVersion, AZURE_V1_API_VERSIONS, false)
    if (versionProblem !== undefined) return { problem: versionProblem, dialect: 'azure-openai', apiVersion }
    return path.endsWith('/models')
      ? expect('GET', { kind: 'models', dialect: 'azure-openai', id: undefined })
      : expect('POST', { kind: 'chat', dialect: 'azure-openai', deployment: undefined, apiVersion })
  }
  if (path.startsWith('/openai/')) {
    return { problem: { kind: 'route_not_found', method, path }, dialect: 'azure-openai', apiVersion }
  }

  if (
    path === '/chat/completions' ||
    path === '/models/chat/completions' ||
    path === '/info' ||
    path === '/models/info'
  ) {
    const versionProblem = checkVersion(apiVersion, MODEL_INFERENCE_API_VERSIONS, true)
    if (versionProblem !== undefined || apiVersion === undefined) {
      return {
        problem: versionProblem ?? { kind: 'api_version_missing' },
        dialect: 'model-inference',
        apiVersion,
      }
    }
    return path.endsWith('/info')
      ? expect('GET', { kind: 'info', dialect: 'model-inference', apiVersion })
      : expect('POST', { kind: 'chat', dialect: 'model-inference', apiVersion })
  }
  const dialect: DialectName = path.startsWith('/v1/') ? 'openai' : 'model-inference'
  return { problem: { kind: 'route_not_found', method, path }, dialect }
}

function checkVersion(
  version: string | undefined,
  known: readonly string[],
  required: boolean,
): Problem | undefined {
  if (version === undefined) return required ? { kind: 'api_version_missing' } : undefined
  return known.includes(version) ? undefined : { kind: 'api_version_unsupported', version }
}
