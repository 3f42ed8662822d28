// One package per app: everything core offers (errors, outcome, types, tools, schemas) from this adapter.
export * from '@chatwire/core'
export { createOpenAI, type OpenAIOptions } from './create-openai.js'
export { OPENAI_BASE_URL, type OpenAIEndpointOptions, openAIEndpoint } from './openai-endpoint.js'
export type { OpenAIChatRequest, OpenAICompatibleExtras, OpenAIRequestFields } from './openai-request.js'
