import { createAzureInference, createAzureOpenAI } from '@chatwire/azure'
import type { ChatClient } from '@chatwire/core'
import { createOpenAI } from '@chatwire/openai'

/** A dialect the emulator speaks, and how to connect a user's client to it. */
export interface Dialect {
  name: string
  /** The model to name in requests (Azure OpenAI ignores it: the deployment decides). */
  model: string
  connect(url: string): ChatClient
}

/** The three dialects, each through the adapter a user would install. */
export const DIALECTS: Dialect[] = [
  {
    name: 'OpenAI',
    model: 'gpt-4o-mini',
    connect: (url) => createOpenAI({ apiKey: 'sk-test', baseURL: `${url}/v1` }),
  },
  {
    name: 'Azure OpenAI',
    model: 'gpt-4o-mini',
    connect: (url) => createAzureOpenAI({ endpoint: url, deployment: 'gpt-4o-mini', apiKey: 'azure-key' }),
  },
  {
    name: 'Model Inference',
    model: 'Mistral-Large-2411',
    connect: (url) => createAzureInference({ endpoint: url, apiKey: 'azure-key' }),
  },
]
