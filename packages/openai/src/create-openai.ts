import { type ChatClient, type ChatClientOptions, createChatClient } from '@chatwire/core'
import { type OpenAIEndpointOptions, openAIEndpoint } from './openai-endpoint.js'
import type { OpenAIChatRequest } from './openai-request.js'

/** Options of {@link createOpenAI}: where OpenAI is and how to authenticate, plus the client's defaults. */
export type OpenAIOptions = OpenAIEndpointOptions & ChatClientOptions

/**
 * A chat client for OpenAI or any compatible host.
 *
 * @example
 * const openai = createOpenAI({ apiKey: process.env.OPENAI_API_KEY })
 * const { text } = await openai.complete({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }] })
 *
 * A field that {@link OpenAIChatRequest} does not name is a compile error (a misspelling); name the fields
 * your host takes in `Extra` (`createOpenAI<{ guided_json?: object }>(…)`), and they are sent as they are.
 */
export function createOpenAI<Extra extends object = object>(
  options: OpenAIOptions = {},
): ChatClient<OpenAIChatRequest & Extra> {
  // The credential stays with the endpoint (which reads only its own fields); the client gets only its own options.
  const { apiKey, baseURL, organization, project, headers, dangerouslyAllowBrowser, ...clientOptions } =
    options
  return createChatClient(openAIEndpoint(options), clientOptions)
}
