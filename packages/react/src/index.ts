// The chat store's API, so that a React app imports the chat from one package (beside its adapter).
export {
  type ApprovalInput,
  type AssistantMessageState,
  type AssistantThreadMessage,
  type Chat,
  ChatBusyError,
  type ChatFinishEvent,
  type ChatLiveOptions,
  type ChatOptions,
  type ChatRequestFields,
  type ChatSnapshot,
  type ChatStatus,
  type ChatThrottle,
  createChat,
  type InstructionThreadMessage,
  type SendInput,
  type ThreadMessage,
  type ThreadMessageInit,
  type ThreadToolCall,
  type ThreadToolCallState,
  type ToolCallRequest,
  type ToolResultInput,
  tool,
  type UserThreadMessage,
} from '@chatwire/core'
export { type UseChatOptions, type UseChatResult, useChat } from './use-chat.js'
export { useChatMessage, useChatSelector } from './use-chat-selector.js'
