import type { ChatError } from '../errors.js'
import type { Outcome } from '../outcome.js'

/**
 * Where a tool call stands:
 * - `streaming`: its arguments are still arriving (`input` is a best-effort partial parse, for display);
 * - `running`: the tool's `execute` is running in the client;
 * - `awaiting-result`: the tool has no `execute`: the app answers with `addToolResult`;
 * - `awaiting-approval`: the tool asks for approval first: the app answers with `approveToolCall`;
 * - `done`: it has a `result`; `failed`: it has an `error` (sent to the model as the result);
 * - `denied`: approval was refused; `cancelled`: the user sent a new message or stopped instead.
 */
export type ThreadToolCallState =
  | 'streaming'
  | 'running'
  | 'awaiting-result'
  | 'awaiting-approval'
  | 'done'
  | 'failed'
  | 'denied'
  | 'cancelled'

/** A tool call of an assistant message, with its result once it has one. */
export interface ThreadToolCall {
  readonly id: string
  readonly name: string
  /** The arguments as the model wrote them (so far, while streaming). */
  readonly arguments: string
  /** The parsed arguments: a best-effort partial parse while streaming, `undefined` if they are not JSON. */
  readonly input: unknown
  readonly state: ThreadToolCallState
  /** What the tool returned (or `addToolResult` gave), once `done`. */
  readonly result?: unknown
  /** Why the call failed, was denied or cancelled: sent to the model as the call's result. */
  readonly error?: string
}

/**
 * Where an assistant message stands: `streaming` while it arrives; `complete` when its stream ended (see its
 * `outcome` for how: `stop`, `length`, `tool_calls`, `content_filter`, …); `stopped` by `stop()`;
 * `incomplete` when the stream failed or was cut (the `outcome` is `error` or `incomplete`).
 */
export type AssistantMessageState = 'streaming' | 'complete' | 'stopped' | 'incomplete'

/** A message the user wrote. */
export interface UserThreadMessage {
  readonly id: string
  readonly role: 'user'
  readonly content: string
}

/** Instructions from the application (`system` or `developer`), sent with every request. */
export interface InstructionThreadMessage {
  readonly id: string
  readonly role: 'system' | 'developer'
  readonly content: string
}

/** A reply of the model: its text, reasoning, refusal and tool calls, and how it ended. */
export interface AssistantThreadMessage {
  readonly id: string
  readonly role: 'assistant'
  readonly content: string
  /** Reasoning text (`reasoning_content`), `''` when none; never sent back to the model. */
  readonly reasoning: string
  /** The model's refusal, `''` when none. */
  readonly refusal: string
  readonly toolCalls: readonly ThreadToolCall[]
  readonly state: AssistantMessageState
  /** How its stream ended, once it ended (not for `stopped`, nor for messages given to the chat). */
  readonly outcome?: Outcome | undefined
}

/** One message of a chat thread; every message has a stable `id`. */
export type ThreadMessage = UserThreadMessage | InstructionThreadMessage | AssistantThreadMessage

/** A message given to the chat (`messages`, `setMessages`): the `id` is made when it has none. */
export type ThreadMessageInit =
  | (Omit<UserThreadMessage, 'id'> & { readonly id?: string | undefined })
  | (Omit<InstructionThreadMessage, 'id'> & { readonly id?: string | undefined })
  | (Partial<Omit<AssistantThreadMessage, 'role'>> & {
      readonly role: 'assistant'
      readonly content: string
    })

/** `ready` → `submitted` (request sent) → `streaming` (first delta) → `ready` | `error`. */
export type ChatStatus = 'ready' | 'submitted' | 'streaming' | 'error'

/** What a chat shows: an immutable snapshot; a new one replaces it on every published change. */
export interface ChatSnapshot {
  readonly messages: readonly ThreadMessage[]
  readonly status: ChatStatus
  /** Why the last turn failed (status `error`); cleared by the next turn or `clearError()`. */
  readonly error: ChatError | undefined
}
