import { randomUUID } from 'node:crypto'
import {
  configuredDialect,
  DIALECTS,
  type Dialect,
  emulatorService,
  openService,
  type Service,
  type ServiceOptions,
} from '@chatwire/cli/service'
import type { ChatRequest } from '@chatwire/core'
import { startEmulator } from '@chatwire/emulator'
import { toSSEResponse } from '@chatwire/fetch'
import { DEMO_FAULTS } from '../src/faults.js'
import type { ServiceInfo } from '../src/service-info.js'
import { createAttemptLog } from './attempt-log.js'

/** The request fields the page may set; the server picks the model, and nothing else passes. */
const PASSED_FIELDS = [
  'messages',
  'tools',
  'tool_choice',
  'parallel_tool_calls',
  'response_format',
  'reasoning_effort',
  'temperature',
  'max_completion_tokens',
] as const

/** The demo's server side: `POST /api/chat` relays a stream, `GET /api/info` and `GET /api/log` describe it. */
export interface ChatRoute {
  /** Answers a request under `/api/`; `undefined` for any other path. */
  handle(request: Request): Promise<Response> | undefined
  info: ServiceInfo
  close(): Promise<void>
}

/** Options of {@link createChatRoute}. */
export interface ChatRouteOptions {
  /** The variables that may name a service (`process.env`); none set: the emulator answers. */
  env: ServiceOptions['env']
  /** The emulator's pause between chunks (ms). Default 25, slow enough to watch. */
  tokenDelayMs?: number | undefined
}

/**
 * Opens the service the environment names, else an emulator on a free loopback port, and returns the routes
 * that talk to it. The key stays here: the browser sends messages and gets the relayed stream.
 */
export async function createChatRoute({ env, tokenDelayMs = 25 }: ChatRouteOptions): Promise<ChatRoute> {
  const log = createAttemptLog()
  const configured = configuredDialect(env)
  const emulator = configured === undefined ? await startEmulator({ port: 0, tokenDelayMs }) : undefined
  // Checked now, so that a half-done configuration stops the demo at its start with a clear message.
  const fixed = configured === undefined ? undefined : await openService({ env, dialect: configured })
  // A client per request, so that its fetch files the attempts (retries included) under that request.
  const serviceFor = async (
    dialect: Dialect,
    turn: string,
    wantsReasoning: boolean,
  ): Promise<Omit<Service, 'close'>> => {
    const client = { fetch: log.fetchFor(turn) }
    if (emulator === undefined) return openService({ env, dialect, client })
    const reasoner = dialect === 'inference' && wantsReasoning ? 'DeepSeek-R1' : undefined
    return emulatorService(dialect, emulator.url, { env, client, model: reasoner })
  }
  const info: ServiceInfo = {
    label: fixed?.label ?? `the emulator (${emulator?.url})`,
    emulator: emulator !== undefined,
    dialects: configured === undefined ? [...DIALECTS] : [configured],
    faults: emulator === undefined ? [] : DEMO_FAULTS.map(({ id, label }) => ({ id, label })),
  }

  async function chat(request: Request): Promise<Response> {
    let body: Record<string, unknown>
    try {
      body = (await request.json()) as Record<string, unknown>
    } catch {
      return problem(400, 'The body is not JSON')
    }
    if (typeof body !== 'object' || body === null) return problem(400, 'The body is not a JSON object')
    const dialect =
      DIALECTS.find((known) => known === request.headers.get('x-demo-dialect')) ?? info.dialects[0]
    if (dialect === undefined || !info.dialects.includes(dialect)) {
      return problem(400, `This server speaks ${info.dialects.join(', ')}`)
    }
    const turn = randomUUID()
    const fields = Object.fromEntries(
      PASSED_FIELDS.filter((name) => name in body).map((name) => [name, body[name]]),
    )
    const { reasoning_effort: effort, ...rest } = fields
    const service = await serviceFor(dialect, turn, effort !== undefined)
    const headers: Record<string, string> = {}
    const fault = DEMO_FAULTS.find(({ id }) => id === request.headers.get('x-demo-fault'))
    if (fault !== undefined && emulator !== undefined) {
      headers['x-emulator-fault'] = fault.spec
      headers['x-emulator-fault-key'] = turn
    }
    // Model Inference has no reasoning_effort (it is an extra parameter there): its reasoning model reasons anyway.
    const chatRequest = {
      ...(dialect === 'inference' ? rest : fields),
      ...(service.model === undefined ? {} : { model: service.model }),
      stream_options: { include_usage: true },
    } as ChatRequest
    const stream = service.client.stream(chatRequest, { headers, signal: request.signal })
    return toSSEResponse(stream, { signal: request.signal })
  }

  return {
    info,
    handle(request) {
      const { pathname } = new URL(request.url)
      if (pathname === '/api/chat' && request.method === 'POST') return chat(request)
      if (pathname === '/api/info') return Promise.resolve(Response.json(info))
      if (pathname === '/api/log') return Promise.resolve(Response.json(log.list()))
      if (pathname.startsWith('/api/')) return Promise.resolve(problem(404, 'No such route'))
      return undefined
    },
    async close() {
      await emulator?.close()
    },
  }
}

/** An error in OpenAI's shape, which the browser's client reads as the typed error of its status. */
function problem(status: number, message: string): Response {
  return Response.json(
    { error: { message, type: 'invalid_request_error', code: null, param: null } },
    { status },
  )
}
