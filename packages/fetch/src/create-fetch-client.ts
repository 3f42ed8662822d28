import { type ChatClient, type ChatClientOptions, type ChatRequest, createChatClient } from '@chatwire/core'
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
 *
 * A field that {@link ChatRequest} does not name is a compile error (a misspelling); name the fields your
 * route takes in `Extra` (`createFetchClient<{ conversationId: string }>(…)`), and they are sent as they are.
 */
export function createFetchClient<Extra extends object = object>(
  options: FetchClientOptions,
): ChatClient<ChatRequest & Extra> {
  const { url, headers, body, name, toError, ...clientOptions } = options
  // Not validated here by default: the route's own adapter validates what it sends on (and its error comes
  // back typed, with the field's path), so a browser holds no schema and loads no validator chunk that a
  // dropped connection or a deploy could leave it unable to load.
  const validate = clientOptions.validate ?? false
  return createChatClient(createFetchEndpoint({ url, headers, body, name, toError }), {
    ...clientOptions,
    validate,
  })
}
