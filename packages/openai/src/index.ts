export { OPENAI_BASE_URL, type OpenAIChatRequest, type OpenAIEndpointOptions, openAIEndpoint } from './openai-endpoint.js'
