export { createOpenAI, type OpenAIOptions } from './create-openai.js'
export {
  OPENAI_BASE_URL,
  type OpenAIChatRequest,
  type OpenAIEndpointOptions,
  openAIEndpoint,
} from './openai-endpoint.js'
