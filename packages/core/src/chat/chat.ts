import type { ChatLiveOptions } from './chat-options.js'
import type { ChatSnapshot, ThreadMessage, ThreadMessageInit } from './thread-message.js'

/** What `send` takes: the text, or a message with its own id. */
export type SendInput = string | { content: string; id?: string | undefined }

/** The answer to a call that waits for one: its result, or why it failed. */
export type ToolResultInput = { toolCallId: string; result: unknown } | { toolCallId: string; error: string }

/** The answer to a call that awaits approval. */
export interface ApprovalInput {
  toolCallId: string
  approved: boolean
  /** Why it was denied, told to the model. */
  reason?: string | undefined
}

/**
 * A chat: the thread, its status and error, and the actions on them. Framework-free: a binding subscribes
 * and reads `getSnapshot()` (immutable and structurally shared: a streamed token replaces only the streaming
 * message and the array).
 */
export interface Chat {
  readonly id: string
  /** The published snapshot; the same object until the next publish. */
  getSnapshot(): ChatSnapshot
  /** Calls `listener` after each publish; returns the function that unsubscribes it. */
  subscribe(listener: () => void): () => void
  /** The message with `id` in the published snapshot (O(1)). */
  getMessage(id: string): ThreadMessage | undefined
  /**
   * Adds a user message and streams the reply (and the tool steps after it). Resolves when the turn ends,
   * however it ended (failures, an option that threw among them, are in the snapshot and go to `onError`).
   * Rejects, adding nothing, with {@link ChatBusyError} while a turn runs, with a `RangeError` when the content
   * is blank or the id is one a message has already, and with what `generateId` threw for the message's id.
   * Open tool calls of the last reply are cancelled first (see README).
   */
  send(input: SendInput): Promise<void>
  /**
   * Aborts the running turn at once: what streamed stays, marked `stopped` (and goes to `onFinish`), its
   * unfinished calls `cancelled`; status `ready`.
   */
  stop(): void
  /** Streams a new reply to the user message that `messageId` answers (or is); the last one by default. */
  regenerate(messageId?: string): Promise<void>
  /**
   * Replaces the content of the user message `messageId` (same id), drops what follows, and resends; rejects
   * with a `RangeError` when there is no such user message or the content is blank.
   */
  edit(messageId: string, content: string): Promise<void>
  /**
   * Replaces the thread, between turns: during one it throws {@link ChatBusyError}. A thread saved mid-turn is
   * settled as a stop leaves it (a `streaming` reply `stopped`, its unfinished calls `cancelled`).
   */
  setMessages(
    messages:
      | readonly ThreadMessageInit[]
      | ((current: readonly ThreadMessage[]) => readonly ThreadMessageInit[]),
  ): void
  /**
   * Answers a call that awaits its result; once every call of the reply is answered, the chat goes on. Throws,
   * and the call keeps waiting, when it does not await a result (`RangeError`) or when `result` is not a string
   * and JSON cannot hold it (`TypeError`: a BigInt, a cycle, a function): the next request carries it as JSON.
   */
  addToolResult(input: ToolResultInput): void
  /**
   * Answers a call that awaits approval (`needsApproval`): approved, its tool runs and the chat goes on;
   * denied, the model is told so (with `reason`) and the chat goes on. Either way the promise resolves once
   * the turn the answer starts has ended, so that `send` may follow it. An answer that is only recorded (other
   * calls of the reply still wait, or run: an approved tool then runs once they end) resolves at once.
   */
  respondToApproval(input: ApprovalInput): Promise<void>
  /** Sets status back to `ready` after an error; the messages stay. */
  clearError(): void
  /** Replaces the live options given (callbacks, request fields, throttle, maxSteps) for what happens next. */
  setOptions(options: ChatLiveOptions): void
  /**
   * Marks a view holding the chat; the function it returns lets go. When no view holds it any more, the running
   * turn is stopped: after the current task, so that a view that lets go and holds again at once (React's
   * StrictMode replaying effects, a keyed remount) keeps its turn.
   */
  attach(): () => void
}
