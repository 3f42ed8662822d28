import { type ChatClient, type ChatClientOptions, createChatClient } from '@chatwire/core'
import {
  type AzureInferenceEndpointOptions,
  azureInferenceEndpoint,
  type ModelInfoOptions,
} from './azure-inference-endpoint.js'
import { type AzureOpenAIEndpointOptions, azureOpenAIEndpoint } from './azure-openai-endpoint.js'
import type { AzureInferenceChatRequest, AzureOpenAIChatRequest } from './azure-request.js'
import type { ModelInfo } from './model-info.js'

/** Options of {@link createAzureOpenAI}: the deployment and its credential, plus the client's defaults. */
export type AzureOpenAIOptions = AzureOpenAIEndpointOptions & ChatClientOptions

/** Options of {@link createAzureInference}: the endpoint and its credential, plus the client's defaults. */
export type AzureInferenceOptions = AzureInferenceEndpointOptions & ChatClientOptions

/** A chat client for Azure AI Model Inference that can also describe the model behind the endpoint. */
export interface AzureInferenceClient<Request extends AzureInferenceChatRequest = AzureInferenceChatRequest>
  extends ChatClient<Request> {
  /** `GET /info`: the model's name, type and provider. Uses the client's `fetch` unless given another. */
  getModelInfo(options?: ModelInfoOptions): Promise<ModelInfo>
}

/**
 * A chat client for an Azure OpenAI deployment.
 *
 * @example
 * const azure = createAzureOpenAI({ resourceName: 'contoso', deployment: 'gpt-4o-mini', apiKey: process.env.AZURE_OPENAI_API_KEY })
 *
 * A field that {@link AzureOpenAIChatRequest} does not name is a compile error (a misspelling); name others
 * the deployment takes in `Extra`, and they are sent as they are.
 */
export function createAzureOpenAI<Extra extends object = object>(
  options: AzureOpenAIOptions,
): ChatClient<AzureOpenAIChatRequest & Extra> {
  // The credential stays with the endpoint (which reads only its own fields); the client gets only its own options.
  const {
    endpoint,
    resourceName,
    deployment,
    apiVersion,
    surface,
    apiKey,
    getToken,
    scope,
    dangerouslyAllowBrowser,
    headers,
    ...clientOptions
  } = options
  return createChatClient(azureOpenAIEndpoint(options), clientOptions)
}

/**
 * A chat client for Azure AI Model Inference (Azure AI Foundry Models, serverless and managed endpoints).
 *
 * @example
 * const inference = createAzureInference({ endpoint: 'https://contoso.services.ai.azure.com/models', apiKey, model: 'DeepSeek-R1' })
 *
 * A field that {@link AzureInferenceChatRequest} does not name is a compile error (a misspelling); name the
 * extra parameters your model takes in `Extra` (with `extraParameters: 'pass-through'`): they are sent as they
 * are.
 */
export function createAzureInference<Extra extends object = object>(
  options: AzureInferenceOptions,
): AzureInferenceClient<AzureInferenceChatRequest & Extra> {
  const {
    endpoint: url,
    apiVersion,
    extraParameters,
    model,
    keyHeader,
    apiKey,
    getToken,
    scope,
    dangerouslyAllowBrowser,
    headers,
    ...clientOptions
  } = options
  const endpoint = azureInferenceEndpoint(options)
  const client = createChatClient(endpoint, clientOptions)
  return {
    complete: client.complete,
    stream: client.stream,
    getModelInfo: (callOptions = {}) =>
      endpoint.getModelInfo({
        fetch: clientOptions.fetch,
        signal: clientOptions.signal,
        timeout: clientOptions.timeout,
        ...callOptions,
      }),
  }
}
