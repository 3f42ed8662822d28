import { type ChatClient, type ChatClientOptions, createChatClient } from '@chatwire/core'
import { createFetchEndpoint, type FetchEndpointOptions } from './fetch-endpoint.js'

/**
 * Options of {@link createFetchClient}: the endpoint's (`url`, `headers`, which may be a function, `body`, …)
 * plus the client's defaults.
 */
export type FetchClientOptions = FetchEndpointOptions & Omit<ChatClientOptions, 'headers'>

/**
 * A chat client for any URL that streams like `/v1/chat/completions`: in a browser, your backend route that
 * relays with {@link toSSEResponse}.
 *
 * @example
 * const chat = createFetchClient({ url: '/api/chat' })
 * for await (const event of chat.stream({ messages })) if (event.type === 'content.delta') render(event.delta)
 */
export function createFetchClient(options: FetchClientOptions): ChatClient {
  const { url, headers, body, name, toError, ...clientOptions } = options
  return createChatClient(createFetchEndpoint({ url, headers, body, name, toError }), clientOptions)
}
