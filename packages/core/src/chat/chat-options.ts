import type { ChatClient } from '../client/create-chat-client.js'
import type { ChatCallOptions } from '../client/options.js'
import type { ChatError } from '../errors.js'
import type { ChatRequest } from '../schema/request.js'
import type { ChatTools, ToolCallRequest } from './chat-tools.js'
import type { ChatThrottle } from './publisher.js'
import type { AssistantThreadMessage, ThreadMessage, ThreadMessageInit } from './thread-message.js'

/** The fields of every request a chat sends, besides `messages` (and `stream`, which it sets). */
export type ChatRequestFields = Omit<ChatRequest, 'messages' | 'stream'>

/** What `onFinish` gets: the reply that ended (however it ended) and the thread with it. */
export interface ChatFinishEvent {
  message: AssistantThreadMessage
  messages: readonly ThreadMessage[]
}

/** The options that may change while the chat lives (`setOptions`): read at the moment they are needed. */
export interface ChatLiveOptions {
  /**
   * The request's fields (`model`, `temperature`, `tools`' JSON, …), or a function read at each request. What
   * the function throws fails the turn as a failed request does (status `error`, a `ChatError` whose `cause`
   * it is, `onError`; the user's message stays).
   */
  request?: ChatRequestFields | (() => ChatRequestFields) | undefined
  /** Options of each call (`headers`, `timeout`, `idleTimeout`, `maxRetries`); the chat owns the signal. */
  callOptions?: Omit<ChatCallOptions, 'signal'> | undefined
  /** How often a streaming reply is published; see {@link ChatThrottle}. Default `'frame'`. */
  throttle?: ChatThrottle | undefined
  /**
   * Tools the model may call: `chatTools([weather, …])` of tools made with `tool()`; they replace the request's
   * own `tools`. A tool with `execute` runs in the client and the chat goes on by itself; one without waits for
   * `addToolResult`. (A chat without them holds none of their code.)
   */
  tools?: ChatTools | undefined
  /**
   * Whether a call of a tool with `execute` waits for `respondToApproval` before it runs. Default: never. What
   * it throws is reported as an unhandled rejection, and the call waits for approval: a broken check never
   * lets a tool run unasked.
   */
  needsApproval?: ((call: ToolCallRequest) => boolean) | undefined
  /** The most replies the model may give in a row without a user message (tool steps). Default 5. */
  maxSteps?: number | undefined
  /**
   * After every reply that ended: finished, stopped (by `stop()`, or when no view holds the chat any more) or
   * failed. A reply stopped or failed before its first token has no message, and no call. What it throws is
   * reported as an unhandled rejection; the chat goes on.
   */
  onFinish?: ((event: ChatFinishEvent) => void) | undefined
  /**
   * When a turn fails (the error is also in the snapshot). What it throws is reported as an unhandled
   * rejection; the chat goes on.
   */
  onError?: ((error: ChatError) => void) | undefined
}

/** Options of {@link createChat}. */
export interface ChatOptions extends ChatLiveOptions {
  /** Any client: an adapter's (`createOpenAI`, …) or `createFetchClient` for your own route. */
  client: ChatClient
  /** The chat's id (a `useChat` with another id is another chat). Default: a random one. */
  id?: string | undefined
  /** The thread to start from; messages without an `id` get `init-<index>` (the same on server and client). */
  messages?: readonly ThreadMessageInit[] | undefined
  /**
   * Makes the ids of new messages. Default: a random UUID, `crypto.randomUUID()` where there is one (browsers
   * give it to secure contexts only), else one made with `crypto.getRandomValues()`. What it throws for a user
   * message rejects `send`, adding nothing; for a reply, it fails the turn (status `error`, as `request` does).
   */
  generateId?: (() => string) | undefined
}

/**
 * The chat's default cap on replies in a row without a user message: lower than `runTools`' (10), because a
 * person is watching and can send again.
 */
export const DEFAULT_CHAT_MAX_STEPS = 5
