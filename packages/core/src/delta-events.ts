// The events an accumulator reports while it folds chunks in. Each carries the index of the choice it
// belongs to, so a UI rendering `n > 1` choices can route them without looking at the chunk.

/** Text added to a choice's `message.content` (a string delta, or the text parts of Mistral's arrays). */
export interface ContentDeltaEvent {
  type: 'content.delta'
  choiceIndex: number
  delta: string
}

/** Text added to a choice's `message.refusal`. */
export interface RefusalDeltaEvent {
  type: 'refusal.delta'
  choiceIndex: number
  delta: string
}

/** Reasoning text, from `reasoning_content` (DeepSeek, Qwen, xAI), `reasoning` (Groq) or Mistral thinking parts. */
export interface ReasoningDeltaEvent {
  type: 'reasoning.delta'
  choiceIndex: number
  delta: string
}

/**
 * A piece of a tool call's arguments. `toolIndex` names the call within its choice from its first event on:
 * its place in `message.tool_calls` (which is in index order) whenever the provider numbers its calls 0, 1,
 * 2… once each, in whatever order they start, or numbers none; for other numberings it is still unique.
 * `id` and `name` are what is known so far.
 */
export interface ToolCallArgumentsDeltaEvent {
  type: 'tool_call.arguments.delta'
  choiceIndex: number
  toolIndex: number
  id: string
  name: string
  delta: string
}

/**
 * A tool call is complete: fired exactly once per call, when its choice gets a finish reason or, failing that,
 * at `finish()`. `arguments` is the whole JSON text as the model wrote it (it may be invalid JSON).
 */
export interface ToolCallDoneEvent {
  type: 'tool_call.done'
  choiceIndex: number
  toolIndex: number
  id: string
  name: string
  arguments: string
}

/** A piece of an audio reply: base64 `data` and/or `transcript` text (either may be `''`). */
export interface AudioDeltaEvent {
  type: 'audio.delta'
  choiceIndex: number
  data: string
  transcript: string
}

/**
 * A choice got its finish reason (`stop`, `length`, `tool_calls`, `content_filter`, or a provider's own). Fired
 * once, after the choice's `tool_call.done` events; again only if a later chunk changes the reason.
 */
export interface FinishEvent {
  type: 'finish'
  choiceIndex: number
  finishReason: string
}

/** Everything an accumulator reports, told apart by `type`. */
export type DeltaEvent =
  | ContentDeltaEvent
  | RefusalDeltaEvent
  | ReasoningDeltaEvent
  | ToolCallArgumentsDeltaEvent
  | ToolCallDoneEvent
  | AudioDeltaEvent
  | FinishEvent

/** Receives the events of an accumulator, synchronously, in stream order. */
export type DeltaListener = (event: DeltaEvent) => void
