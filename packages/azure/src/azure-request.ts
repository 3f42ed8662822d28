import type { ChatRequest } from '@chatwire/core'

/**
 * One source of "On Your Data" (Azure AI Search, Cosmos DB, …): its `type` (`azure_search`, …) and its
 * `parameters` (endpoint, index, authentication), which the service checks.
 */
export interface AzureDataSource {
  type: string
  parameters: Record<string, unknown>
}

/** Who the end user is, for Microsoft Defender for Cloud's alerts on prompt attacks. */
export interface AzureUserSecurityContext {
  application_name?: string | undefined
  end_user_id?: string | undefined
  end_user_tenant_id?: string | undefined
  source_ip?: string | undefined
}

/** The fields Azure OpenAI adds to a request. */
export interface AzureOpenAIRequestFields {
  /** Grounds the answer in your data ("On Your Data"); the reply then carries citations in `context`. */
  data_sources?: AzureDataSource[] | undefined
  /** The end user's application, id, tenant and IP address, for security alerts. */
  user_security_context?: AzureUserSecurityContext | undefined
}

/**
 * A request to an Azure OpenAI deployment: the core request and Azure's own fields. Any other field is a
 * compile error unless named in the `Extra` type parameter of `createAzureOpenAI`.
 */
export type AzureOpenAIChatRequest = ChatRequest & AzureOpenAIRequestFields

/**
 * Fields some models on Azure AI Model Inference take beyond its API; the service passes them on only with
 * `extraParameters: 'pass-through'` (and rejects them by default).
 */
export interface AzureInferenceExtraFields {
  /** Mistral models: prepends Mistral's safety prompt. */
  safe_prompt?: boolean | undefined
}

/**
 * A request to Azure AI Model Inference: the core request and the models' known extras. Any other field is a
 * compile error unless named in the `Extra` type parameter of `createAzureInference`.
 */
export type AzureInferenceChatRequest = ChatRequest & AzureInferenceExtraFields
