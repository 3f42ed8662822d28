import { type ChatClient, type ChatClientOptions, type ChatEndpoint, createChatClient } from '@chatwire/core'
import type { DialectName } from '../dialects/dialect.js'
import type { Emulator } from '../server.js'
import { AZURE_CHAT, INFERENCE_CHAT } from './client.js'

/** Each dialect's chat route and credential header, as its chatwire adapter sends them. */
const ROUTES: Record<DialectName, { path: string; auth: (key: string) => Record<string, string> }> = {
  openai: { path: '/v1/chat/completions', auth: (key) => ({ authorization: `Bearer ${key}` }) },
  'azure-openai': { path: AZURE_CHAT, auth: (key) => ({ 'api-key': key }) },
  'model-inference': { path: INFERENCE_CHAT, auth: (key) => ({ 'api-key': key }) },
}

export const DIALECTS = Object.keys(ROUTES) as DialectName[]

/**
 * `@chatwire/core`'s own client on one of the emulator's routes (the adapters depend on the emulator for their
 * tests, so the emulator cannot depend on them): errors are typed by core's `errorFromBody`, as an adapter's are.
 */
export function coreClient(
  emulator: Emulator,
  dialect: DialectName,
  options: ChatClientOptions & { apiKey?: string } = {},
): ChatClient {
  const { apiKey = 'sk-test-key', ...clientOptions } = options
  const { path, auth } = ROUTES[dialect]
  const endpoint: ChatEndpoint = {
    name: dialect,
    prepare: (body) => ({
      url: `${emulator.url}${path}`,
      headers: auth(apiKey),
      body: dialect === 'openai' ? { model: 'gpt-4o-mini', ...body } : body,
    }),
    secrets: () => [apiKey],
  }
  return createChatClient(endpoint, clientOptions)
}
