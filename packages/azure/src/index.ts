// One package per app: everything core offers (errors, outcome, types, tools, schemas) from this adapter.
export * from '@chatwire/core'
export {
  type AzureCredentialOptions,
  COGNITIVE_SERVICES_SCOPE,
  type TokenProvider,
  type TokenRequest,
} from './azure-credential.js'
export {
  AZURE_INFERENCE_API_VERSION,
  type AzureInferenceEndpoint,
  type AzureInferenceEndpointOptions,
  azureInferenceEndpoint,
  type ExtraParameters,
  type ModelInfoOptions,
} from './azure-inference-endpoint.js'
export {
  AZURE_OPENAI_API_VERSION,
  type AzureOpenAIEndpointOptions,
  azureOpenAIEndpoint,
} from './azure-openai-endpoint.js'
export type {
  AzureDataSource,
  AzureInferenceChatRequest,
  AzureInferenceExtraFields,
  AzureOpenAIChatRequest,
  AzureOpenAIRequestFields,
  AzureUserSecurityContext,
} from './azure-request.js'
export * from './content-filter.js'
// Azure's detailed content-filter shapes, in place of core's generic ones of the same names.
export {
  type ContentFilterResults,
  ContentFilterResultsSchema,
  type PromptFilterResult,
  PromptFilterResultSchema,
} from './content-filter.js'
export {
  type AzureInferenceClient,
  type AzureInferenceOptions,
  type AzureOpenAIOptions,
  createAzureInference,
  createAzureOpenAI,
} from './create-azure.js'
export { type ModelInfo, ModelInfoSchema } from './model-info.js'
export {
  contentFilterOffsetsOf,
  contentFilterResultsOf,
  contentFilterResultsOfBlock,
  flaggedCategories,
  promptFilterResultsOf,
} from './read-content-filter.js'
