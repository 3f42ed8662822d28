export { createOpenAI, type OpenAIOptions } from './create-openai.js'
export { OPENAI_BASE_URL, type OpenAIEndpointOptions, openAIEndpoint } from './openai-endpoint.js'
export type { OpenAIChatRequest, OpenAICompatibleExtras, OpenAIRequestFields } from './openai-request.js'
