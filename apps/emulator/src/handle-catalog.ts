import { checkAuth } from './auth.js'
import { type Exchange, fail, type ServerState } from './exchange.js'
import { applyEarlyFault } from './faults/apply-early.js'
import { FAULTS } from './faults/catalog.js'
import { sendJson } from './http/write.js'
import { ROUTES, type Route } from './routes.js'

type CatalogRoute = Exclude<Route, { kind: 'chat' }>

/** Created time of every listed model: a fixed date, so that listings are stable. */
const CREATED = 1_735_689_600

/** `GET /v1/models`, `/v1/models/{id}`, `/openai/v1/models`, `/info`, `/` and `/health`. */
export async function handleCatalog(
  exchange: Exchange,
  route: CatalogRoute,
  state: ServerState,
): Promise<void> {
  const { options } = state
  if (route.kind === 'health') return sendJson(exchange.response, 200, { status: 'ok' })
  if (route.kind === 'index') {
    return sendJson(exchange.response, 200, { name: 'chatwire emulator', routes: ROUTES, faults: FAULTS })
  }
  const denied = options.requireAuth
    ? checkAuth(route.dialect, exchange.request.headers, options.keys)
    : undefined
  if (denied !== undefined) return fail(exchange, denied)
  const fault = await applyEarlyFault(
    exchange,
    state,
    undefined,
    route.kind === 'models' ? (route.id ?? '') : '',
  )
  if (fault === 'handled') return

  if (route.kind === 'info') {
    const model = options.inferenceModels[0]
    if (model === undefined) return fail(exchange, { kind: 'model_not_found', model: '' })
    return sendJson(exchange.response, 200, {
      model_name: model.name,
      model_type: model.type ?? 'chat-completion',
      model_provider_name: model.provider,
    })
  }
  const ids = route.dialect === 'openai' ? options.models : Object.keys(options.deployments)
  const describe = (id: string) => ({ id, object: 'model', created: CREATED, owned_by: 'chatwire-emulator' })
  if (route.id === undefined)
    return sendJson(exchange.response, 200, { object: 'list', data: ids.map(describe) })
  if (!ids.includes(route.id)) return fail(exchange, { kind: 'model_not_found', model: route.id })
  return sendJson(exchange.response, 200, describe(route.id))
}
