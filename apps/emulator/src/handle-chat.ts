import { checkAuth } from './auth.js'
import { type ChatRequestView, messageText } from './chat-request.js'
import { renderChunks } from './envelope/chunks.js'
import { renderCompletion } from './envelope/completion.js'
import type { RenderContext } from './envelope/context.js'
import { type Exchange, fail, type ServerState } from './exchange.js'
import { applyExtraParameters } from './extra-parameters.js'
import { applyEarlyFault, type LastUserMessage } from './faults/apply-early.js'
import { filterCompletion } from './faults/content-filter.js'
import { type FaultSpec, numberParam } from './faults/spec.js'
import { firstHeaderValue } from './first-header-value.js'
import { readBody } from './http/read-body.js'
import { stableId } from './model/hash.js'
import { planReply, type ReplyPlan } from './model/plan.js'
import { planScripted, scriptedReply } from './model/scripted.js'
import { writeCompletion } from './reply/completion.js'
import { writeStream } from './reply/stream.js'
import { isProblem, resolveModel, type Target } from './resolve-model.js'
import type { Route } from './routes.js'
import { checkRequest } from './validate.js'

type ChatRoute = Extract<Route, { kind: 'chat' }>

/**
 * A chat completion on any of the three routes: auth, body, extra parameters, validation, model, faults,
 * then the scripted model's reply, streamed or whole, in the dialect's envelope.
 */
export async function handleChat(exchange: Exchange, route: ChatRoute, state: ServerState): Promise<void> {
  const accepted = await acceptRequest(exchange, route, state)
  if (accepted === undefined) return
  const { request, target } = accepted
  const streaming = request.stream === true
  exchange.streamed = streaming
  const fault = await applyEarlyFault(
    exchange,
    state,
    lastUserMessage(request),
    request.model ?? target.model,
  )
  if (fault === 'handled') return
  if (!streaming) return reply(exchange, request, target, fault, state)
  if (state.activeStreams >= state.options.maxConcurrentStreams) {
    return fail(exchange, { kind: 'rate_limit', retryAfterMs: 1000, cause: 'concurrency' })
  }
  // Taken at the check: a reply function that waits must not let other streams past it meanwhile.
  state.activeStreams++
  try {
    await reply(exchange, request, target, fault, state)
  } finally {
    state.activeStreams--
  }
}

/** The scripted model's reply (or the one the request's script gives), streamed or whole. */
async function reply(
  exchange: Exchange,
  request: ChatRequestView,
  target: Target,
  fault: FaultSpec | undefined,
  state: ServerState,
): Promise<void> {
  const script = state.replies.get(exchange.scope) ?? state.replies.get(undefined)
  const scripted = await scriptedReply(script, {
    dialect: exchange.dialect.name,
    model: target.model,
    request,
    scope: exchange.scope,
  })
  let plan =
    scripted === undefined
      ? planReply(request, { alwaysReasons: target.reasons })
      : planScripted(scripted, request)
  if (fault?.name === 'content_filter_completion') plan = filterCompletion(plan, fault)
  const context = renderContext(exchange, request, target, plan, state.created)
  if (!exchange.streamed) {
    const json = JSON.stringify(renderCompletion(plan, context))
    return writeCompletion(exchange.response, json, {
      fault,
      signal: exchange.signal,
      stallMs: state.options.stallMs,
    })
  }
  await streamReply(exchange, plan, context, fault, state)
}

/** Everything before the reply: credential, deployment, body, extra parameters, schema, model. */
async function acceptRequest(
  exchange: Exchange,
  route: ChatRoute,
  state: ServerState,
): Promise<{ request: ChatRequestView; target: Target } | undefined> {
  const { options } = state
  const { headers } = exchange.request
  const denied = options.requireAuth ? checkAuth(route.dialect, headers, options.keys) : undefined
  if (denied !== undefined) return void fail(exchange, denied)
  if (
    route.dialect === 'azure-openai' &&
    route.deployment !== undefined &&
    !(route.deployment in options.deployments)
  ) {
    return void fail(exchange, { kind: 'deployment_not_found', deployment: route.deployment })
  }
  let body = await readJsonObject(exchange, options.maxBodyBytes)
  if (body === undefined) return undefined
  if (route.dialect === 'model-inference') {
    const applied = applyExtraParameters(body, firstHeaderValue(headers['extra-parameters']))
    if ('problem' in applied) return void fail(exchange, applied.problem)
    body = applied.body
    for (const [name, value] of Object.entries(applied.headers)) exchange.response.setHeader(name, value)
  }
  // Model Inference has its own rule for them, the `extra-parameters` header (above).
  const refuseUnknown = options.strictRequests && route.dialect !== 'model-inference'
  const checked = checkRequest(body, { refuseUnknown })
  if ('problem' in checked) return void fail(exchange, checked.problem)
  const target = resolveModel(route, checked.request, options)
  if (isProblem(target)) return void fail(exchange, target)
  return { request: checked.request, target }
}

/**
 * What the reply's chunks share. The id is derived from the route, the request and the reply, and `created`
 * is the emulator's start, so identical requests get identical completions (a retry repeats its reply).
 */
function renderContext(
  exchange: Exchange,
  request: ChatRequestView,
  target: Target,
  plan: ReplyPlan,
  created: number,
): RenderContext {
  const { envelope } = exchange.dialect
  const seed = `${exchange.url.pathname}\n${JSON.stringify(request)}\n${JSON.stringify(plan)}`
  return {
    id: `chatcmpl-${stableId(seed, 29)}`,
    created,
    model: target.model,
    style: envelope,
    logprobs:
      request.logprobs === true ? { top: request.top_logprobs ?? 0, seed: request.seed ?? 0 } : undefined,
    includeUsage: request.stream_options?.include_usage === true || envelope.alwaysStreamUsage,
  }
}

async function streamReply(
  exchange: Exchange,
  plan: ReplyPlan,
  context: RenderContext,
  fault: FaultSpec | undefined,
  state: ServerState,
): Promise<void> {
  exchange.response.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    'x-accel-buffering': 'no',
  })
  exchange.response.flushHeaders()
  await writeStream(exchange.response, renderChunks(plan, context), {
    delayMs: fault?.name === 'slow' ? numberParam(fault, 'ms', 200) : state.options.tokenDelayMs,
    signal: exchange.signal,
    fault,
    stallMs: state.options.stallMs,
    render: (problem) => exchange.dialect.render(problem, exchange.problemContext),
  })
}

/** Reads the body as a JSON object, answering 413 or 400 (and returning `undefined`) when it is not one. */
async function readJsonObject(
  exchange: Exchange,
  limit: number,
): Promise<Record<string, unknown> | undefined> {
  const body = await readBody(exchange.request, limit)
  if (body.kind === 'aborted') return undefined
  if (body.kind === 'ok') exchange.bodyBytes = Buffer.byteLength(body.text)
  if (body.kind === 'too_large') {
    exchange.bodyBytes = body.bytes
    exchange.response.setHeader('connection', 'close')
    return void fail(exchange, { kind: 'body_too_large', limit })
  }
  let parsed: unknown
  try {
    parsed = JSON.parse(body.text)
  } catch {
    // The parser's message quotes the body, which may hold the user's words: keep it out of the reply.
    return void fail(exchange, { kind: 'invalid_json', detail: 'the body is not valid JSON.' })
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return void fail(exchange, { kind: 'invalid_json', detail: 'the body must be a JSON object.' })
  }
  // The record keeps the text (bytes), not the object: see recorded-body.ts.
  exchange.bodyText = body.text
  return parsed as Record<string, unknown>
}

function lastUserMessage(request: ChatRequestView): LastUserMessage | undefined {
  for (let index = request.messages.length - 1; index >= 0; index--) {
    const message = request.messages[index]
    if (message?.role === 'user') return { text: messageText(message), path: `messages[${index}].content` }
  }
  return undefined
}
