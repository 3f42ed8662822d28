import { randomUUID } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { addCorsHeaders, answerPreflight } from './cors.js'
import { azureOpenAI } from './dialects/azure-openai.js'
import type { Dialect, DialectName } from './dialects/dialect.js'
import { modelInference } from './dialects/model-inference.js'
import { openai } from './dialects/openai.js'
import { type Exchange, fail, type ServerState } from './exchange.js'
import { firstHeaderValue } from './first-header-value.js'
import { handleCatalog } from './handle-catalog.js'
import { handleChat } from './handle-chat.js'
import type { RouteMatch } from './routes.js'
import { SCOPE_HEADER } from './scope-header.js'

function headerValue(request: IncomingMessage, name: string): string | undefined {
  const text = firstHeaderValue(request.headers[name])
  return text === undefined || text === '' ? undefined : text
}

const DIALECTS: Record<DialectName, Dialect> = {
  openai,
  'azure-openai': azureOpenAI,
  'model-inference': modelInference,
}

/** Sets up an exchange: its dialect (from the route), request id headers and CORS headers. */
export function openExchange(
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
  match: RouteMatch,
  signal: AbortSignal,
  cors: boolean,
): Exchange {
  // A client that leaves mid-reply makes these emit; the exchange's signal already handles it.
  request.on('error', () => {})
  response.on('error', () => {})
  const requestId = randomUUID()
  const dialect = DIALECTS['route' in match ? match.route.dialect : match.dialect]
  const routeVersion = 'route' in match && 'apiVersion' in match.route ? match.route.apiVersion : undefined
  for (const [name, value] of Object.entries(dialect.requestIdHeaders(requestId)))
    response.setHeader(name, value)
  if (cors) addCorsHeaders(request, response)
  return {
    request,
    response,
    url,
    requestId,
    signal,
    dialect,
    problemContext: { apiVersion: routeVersion ?? url.searchParams.get('api-version') ?? undefined },
    fault: undefined,
    requestedFault: undefined,
    faultKey: undefined,
    scope: headerValue(request, SCOPE_HEADER),
    bodyText: undefined,
    bodyBytes: 0,
    streamed: false,
  }
}

/** Answers one exchange: a preflight, a routing problem, a chat completion or a catalog route. */
export async function serve(exchange: Exchange, match: RouteMatch, state: ServerState): Promise<void> {
  const { request, response } = exchange
  if (request.method === 'OPTIONS' && state.options.cors) return answerPreflight(request, response)
  if ('problem' in match) return fail(exchange, match.problem)
  if (match.route.kind === 'chat') return handleChat(exchange, match.route, state)
  return handleCatalog(exchange, match.route, state)
}
