// One package per app: everything core offers (the chat store, errors, outcome, types, tools, schemas), beside
// the React bindings, so that a React app imports from this package and its adapter alone.
export * from '@chatwire/core'
export { type UseChatOptions, type UseChatResult, useChat } from './use-chat.js'
export { useChatMessage, useChatSelector } from './use-chat-selector.js'
