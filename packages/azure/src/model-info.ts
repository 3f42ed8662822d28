import * as v from 'valibot'

/** What `GET /info` of an Azure AI Model Inference endpoint says about the model behind it. */
export const ModelInfoSchema = v.looseObject({
  /** The model's name (`Mistral-Large-2411`, `DeepSeek-R1`). */
  model_name: v.string(),
  /** The kind of model: `chat-completion`, `embeddings`, … */
  model_type: v.string(),
  /** Who made it (`Mistral`, `DeepSeek`, `Microsoft`). */
  model_provider_name: v.string(),
})

/** What `GET /info` says about the model behind an endpoint. */
export type ModelInfo = v.InferOutput<typeof ModelInfoSchema>
