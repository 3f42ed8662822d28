// One package per app: everything core offers (errors, outcome, types, tools, schemas) from this adapter.
export * from '@chatwire/core'
export { createFetchClient, type FetchClientOptions } from './create-fetch-client.js'
export { createFetchEndpoint, type FetchEndpointOptions, type PerRequest } from './fetch-endpoint.js'
export { type SSEResponseInit, toSSEResponse } from './to-sse-response.js'
