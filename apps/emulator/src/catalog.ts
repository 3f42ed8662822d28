/** A model served on the Model Inference routes, as `/info` describes it. */
export interface InferenceModel {
  name: string
  provider: string
  /** `/info`'s `model_type`; `chat-completion` unless set. */
  type?: string | undefined
  /** A reasoning model: it sends `reasoning_content` first even without `reasoning_effort`. */
  reasons?: boolean | undefined
}

/** What the emulator serves unless told otherwise. */
export const DEFAULT_MODELS: readonly string[] = [
  'gpt-4o-mini',
  'gpt-4o',
  'gpt-4.1-nano',
  'o3-mini',
  'o4-mini',
]

/** Azure OpenAI deployments: deployment name → the model version its replies name. */
export const DEFAULT_DEPLOYMENTS: Readonly<Record<string, string>> = {
  'gpt-4o-mini': 'gpt-4o-mini-2024-07-18',
  'gpt-4o': 'gpt-4o-2024-11-20',
  'o3-mini': 'o3-mini-2025-01-31',
}

/** Model Inference models; the first is the endpoint's default (`/info`, and requests without `model`). */
export const DEFAULT_INFERENCE_MODELS: readonly InferenceModel[] = [
  { name: 'Mistral-Large-2411', provider: 'Mistral' },
  { name: 'DeepSeek-R1', provider: 'DeepSeek', reasons: true },
]

/** Azure OpenAI `api-version`s the deployments route accepts (GA and preview). */
export const AZURE_OPENAI_API_VERSIONS: readonly string[] = [
  '2022-12-01',
  '2023-05-15',
  '2024-02-01',
  '2024-06-01',
  '2024-10-21',
  '2023-06-01-preview',
  '2023-07-01-preview',
  '2023-08-01-preview',
  '2023-09-01-preview',
  '2023-12-01-preview',
  '2024-02-15-preview',
  '2024-03-01-preview',
  '2024-04-01-preview',
  '2024-05-01-preview',
  '2024-07-01-preview',
  '2024-08-01-preview',
  '2024-09-01-preview',
  '2024-10-01-preview',
  '2024-12-01-preview',
  '2025-01-01-preview',
  '2025-02-01-preview',
  '2025-03-01-preview',
  '2025-04-01-preview',
]

/** What the `/openai/v1` route accepts as `api-version`, when one is given at all. */
export const AZURE_V1_API_VERSIONS: readonly string[] = ['v1', 'preview', 'latest']

/** Azure AI Model Inference `api-version`s. */
export const MODEL_INFERENCE_API_VERSIONS: readonly string[] = [
  '2024-05-01-preview',
  '2024-08-01-preview',
  '2025-04-01',
  '2025-05-01',
  '2025-05-15-preview',
]

/** The request fields Model Inference defines; anything else is an extra parameter. */
export const MODEL_INFERENCE_PARAMETERS: ReadonlySet<string> = new Set([
  'messages',
  'model',
  'stream',
  'frequency_penalty',
  'presence_penalty',
  'temperature',
  'top_p',
  'max_tokens',
  'response_format',
  'stop',
  'tools',
  'tool_choice',
  'seed',
  'modalities',
])
