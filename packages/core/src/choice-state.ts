import { AudioState } from './audio-state.js'
import { isObject, keepExtra, keepOthers, malformed, stringField } from './chunk-fields.js'
import { mergeContentFilterResults } from './content-filter-results.js'
import type { DeltaListener } from './delta-events.js'
import { assignEntries, setOwnProperty } from './own-properties.js'
import type { ChatCompletionChoice, ChoiceLogprobs, CompletionMessage } from './schema/response.js'
import { TextPieces } from './text-pieces.js'
import { ToolCallList } from './tool-call-state.js'

type Loose = Record<string, unknown>

/** The choice fields {@link ChoiceState.fold} reads by name; any other is kept as it came. */
const CHOICE_FIELDS: readonly string[] = [
  'index',
  'message',
  'delta',
  'logprobs',
  'content_filter_results',
  'finish_reason',
]

/** The log-probability arrays of a choice, concatenated across chunks. */
interface LogprobsState {
  content: unknown[] | undefined
  refusal: unknown[] | undefined
}

/**
 * One choice being assembled from its chunks. Strings grow in {@link TextPieces}; fields nobody knows
 * (`matched_stop`, `content_filter_offsets`, a delta's `annotations`) are kept in maps and passed through.
 * The built choice is cached until the next chunk for this choice, so unchanged choices keep their identity.
 */
export class ChoiceState {
  readonly content = new TextPieces()
  readonly refusal = new TextPieces()
  readonly reasoning = new TextPieces()
  /** Whether the provider named its reasoning `reasoning` (Groq) rather than `reasoning_content`. */
  usedReasoningKey = false
  toolCalls: ToolCallList | undefined = undefined
  audio: AudioState | undefined = undefined
  finishReason: string | null = null
  logprobs: LogprobsState | undefined = undefined
  filterResults: Map<string, unknown> | undefined = undefined
  extras: Map<string, unknown> | undefined = undefined
  messageExtras: Map<string, unknown> | undefined = undefined
  private built: ChatCompletionChoice | undefined = undefined

  constructor(readonly index: number) {}

  /** Folds one entry of a chunk's `choices` in. */
  fold(choice: Loose, emit: DeltaListener | undefined): void {
    this.built = undefined
    // Read by name (see keepOthers). Some OpenAI-compatible servers repeat the whole `message` beside the
    // delta; the deltas already hold it.
    const { delta, logprobs, content_filter_results: filterResults, finish_reason: finishReason } = choice
    // Azure's async-filter annotation chunks have no delta at all.
    if (delta != null) this.foldDelta(delta, emit)
    if (logprobs != null) this.foldLogprobs(logprobs)
    if (filterResults != null) {
      this.filterResults ??= new Map()
      mergeContentFilterResults(this.filterResults, filterResults)
    }
    const present =
      +(choice.index !== undefined) +
      +(choice.message !== undefined) +
      +(delta !== undefined) +
      +(logprobs !== undefined) +
      +(filterResults !== undefined) +
      +(finishReason !== undefined)
    this.extras = keepOthers(this.extras, choice, CHOICE_FIELDS, present)
    // Handled after the delta, whatever the key order (Qwen puts finish_reason first), so that the last
    // arguments arrive before their tool call is reported done. `null` and `""` do not finish a choice.
    if (typeof finishReason === 'string') {
      if (finishReason !== '') this.finish(finishReason, emit)
    } else if (finishReason !== undefined && finishReason !== null) {
      throw malformed('a finish_reason that is not a string')
    }
  }

  /** Reports the pending `tool_call.done` events (at the finish reason, or at the end of the stream). */
  finishToolCalls(emit: DeltaListener | undefined): void {
    if (this.toolCalls !== undefined) this.toolCalls.finish(this.index, emit)
  }

  /** The choice as it stands, as a `chat.completion` choice. */
  build(): ChatCompletionChoice {
    if (this.built !== undefined) return this.built
    const message: CompletionMessage = {
      role: 'assistant',
      content: this.content.hasText ? this.content.value() : null,
      refusal: this.refusal.hasText ? this.refusal.value() : null,
    }
    if (this.toolCalls !== undefined && this.toolCalls.calls.length > 0)
      message.tool_calls = this.toolCalls.build()
    if (this.audio !== undefined) message.audio = this.audio.build()
    if (this.reasoning.hasText) {
      const reasoning = this.reasoning.value()
      message.reasoning_content = reasoning
      if (this.usedReasoningKey) message.reasoning = reasoning
    }
    if (this.messageExtras !== undefined) {
      // Arrays are copied: they keep growing with later chunks, and a snapshot must not change.
      for (const [key, value] of this.messageExtras) {
        setOwnProperty(message, key, Array.isArray(value) ? value.slice() : value)
      }
    }
    const lp = this.logprobs
    const choice: ChatCompletionChoice = {
      index: this.index,
      message,
      finish_reason: this.finishReason,
      logprobs:
        lp === undefined
          ? null
          : ({
              content: lp.content?.slice() ?? null,
              refusal: lp.refusal?.slice() ?? null,
            } as ChoiceLogprobs),
    }
    if (this.filterResults !== undefined) {
      const results: Record<string, unknown> = {}
      assignEntries(results, this.filterResults)
      choice.content_filter_results = results
    }
    assignEntries(choice, this.extras)
    this.built = choice
    return choice
  }

  private finish(reason: string, emit: DeltaListener | undefined): void {
    this.finishToolCalls(emit)
    if (reason === this.finishReason) return
    this.finishReason = reason
    if (emit !== undefined) emit({ type: 'finish', choiceIndex: this.index, finishReason: reason })
  }

  private foldDelta(raw: unknown, emit: DeltaListener | undefined): void {
    if (typeof raw !== 'object') throw malformed('a delta that is not an object')
    const delta = raw as Loose
    for (const key in delta) {
      const value = delta[key]
      if (value === undefined || value === null) continue
      switch (key) {
        case 'content':
          if (typeof value === 'string') this.add(this.content, 'content.delta', value, emit)
          else this.foldContentParts(value, emit)
          break
        case 'refusal':
          this.add(this.refusal, 'refusal.delta', stringField(value, 'a delta refusal'), emit)
          break
        case 'reasoning_content':
          this.addReasoning(stringField(value, 'a delta reasoning_content'), emit)
          break
        case 'reasoning': {
          // Groq's name for it. A server that sends both names with the same text is counted once.
          const text = stringField(value, 'a delta reasoning')
          if (text === '') break
          this.usedReasoningKey = true
          const other = delta.reasoning_content
          if (typeof other !== 'string' || other === '') this.addReasoning(text, emit)
          break
        }
        case 'tool_calls':
          if (!Array.isArray(value)) throw malformed('tool_calls that are not an array')
          this.toolCalls ??= new ToolCallList()
          for (let i = 0; i < value.length; i++) this.toolCalls.fold(value[i], this.index, emit)
          break
        case 'audio':
          this.audio ??= new AudioState()
          this.audio.fold(value, this.index, emit)
          break
        case 'role':
        // Mistral puts a stray `index` inside the delta.
        case 'index':
          break
        default:
          this.keepMessageExtra(key, value)
      }
    }
  }

  /** Adds text to one of the choice's strings, and reports it as an event of `type`. */
  private add(
    pieces: TextPieces,
    type: 'content.delta' | 'refusal.delta' | 'reasoning.delta',
    text: string,
    emit: DeltaListener | undefined,
  ): void {
    if (text === '') return
    pieces.push(text)
    if (emit !== undefined) emit({ type, choiceIndex: this.index, delta: text })
  }

  private addReasoning(text: string, emit: DeltaListener | undefined): void {
    this.add(this.reasoning, 'reasoning.delta', text, emit)
  }

  // Mistral's reasoning models send content as parts: `{type:'thinking', thinking:[{type:'text', text}]}` for
  // reasoning and `{type:'text', text}` for the answer. Parts without text (`reference`, …) are left out.
  private foldContentParts(parts: unknown, emit: DeltaListener | undefined): void {
    if (!Array.isArray(parts)) throw malformed('content that is neither text nor parts')
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i] as unknown
      if (!isObject(part)) continue
      if (part.type === 'text' && typeof part.text === 'string')
        this.add(this.content, 'content.delta', part.text, emit)
      else if (part.type === 'refusal' && typeof part.refusal === 'string')
        this.add(this.refusal, 'refusal.delta', part.refusal, emit)
      else if (part.type === 'thinking') {
        const thinking = part.thinking
        if (typeof thinking === 'string') this.addReasoning(thinking, emit)
        else if (Array.isArray(thinking)) {
          for (let j = 0; j < thinking.length; j++) {
            const piece = thinking[j] as unknown
            if (isObject(piece) && typeof piece.text === 'string') this.addReasoning(piece.text, emit)
          }
        }
      }
    }
  }

  private foldLogprobs(value: unknown): void {
    if (typeof value !== 'object') throw malformed('logprobs that are not an object')
    const { content, refusal } = value as Loose
    this.logprobs ??= { content: undefined, refusal: undefined }
    const state = this.logprobs
    if (Array.isArray(content)) state.content = appendAll(state.content, content)
    if (Array.isArray(refusal)) state.refusal = appendAll(state.refusal, refusal)
  }

  // Unknown delta fields: arrays (OpenAI's `annotations`, OpenRouter's `reasoning_details`) arrive piece by
  // piece and are concatenated; anything else keeps its last value.
  private keepMessageExtra(key: string, value: unknown): void {
    const previous = this.messageExtras?.get(key)
    this.messageExtras = keepExtra(
      this.messageExtras,
      key,
      Array.isArray(value) ? appendAll(Array.isArray(previous) ? previous : undefined, value) : value,
    )
  }
}

function appendAll(target: unknown[] | undefined, items: readonly unknown[]): unknown[] {
  const out = target ?? []
  for (let i = 0; i < items.length; i++) out.push(items[i])
  return out
}
