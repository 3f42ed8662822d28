import { keepExtra, malformed } from './chunk-fields.js'
import type { DeltaListener } from './delta-events.js'
import { assignEntries } from './own-properties.js'
import type { ToolCall } from './schema/message.js'
import { MAX_STREAM_INDEX, readStreamIndex } from './stream-index.js'
import { TextPieces } from './text-pieces.js'

type Loose = Record<string, unknown>

/** One tool call being assembled from its deltas. */
class ToolCallState {
  id = ''
  type = 'function'
  name = ''
  readonly args = new TextPieces()
  /** Whether `tool_call.done` was reported. */
  done = false
  extras: Map<string, unknown> | undefined = undefined

  /**
   * @param position What events call it (`toolIndex`): see {@link ToolCallList}.
   * @param order Where it goes in `message.tool_calls`: the provider's index, after all of them without one.
   */
  constructor(
    readonly position: number,
    readonly order: number,
  ) {}
}

/** The order of a call sent without an index: after every indexed one. */
const UNINDEXED = Number.MAX_SAFE_INTEGER

/**
 * The tool calls of one choice. A delta finds its call by `index` when it has one; Azure AI Model Inference and
 * Mistral send none, so then a non-empty `id` finds (or starts) the call, and a delta with neither continues the
 * last call. An empty `id` (Qwen repeats `id: ""` in follow-ups) never starts a call nor replaces a real id.
 *
 * `message.tool_calls` is in index order, whatever order the calls started in (a provider may start index 2
 * before index 1); calls without an index follow, in the order they started. The `toolIndex` of a call's
 * events, fixed at its first one, is its provider index unless another call took that number (servers that
 * number every call 0), else one more than the highest taken: so it is the call's place in `tool_calls`
 * whenever the calls are numbered 0, 1, 2… once each, in any order, or not numbered at all.
 */
export class ToolCallList {
  readonly calls: ToolCallState[] = []
  private readonly byIndex: (ToolCallState | undefined)[] = []
  private byId: Map<string, ToolCallState> | undefined = undefined
  /** The `toolIndex` numbers taken, and the highest of them. */
  private readonly taken: (true | undefined)[] = []
  private highest = -1
  /** `calls` in `message.tool_calls` order, when that differs from the order they started in. */
  private sorted: ToolCallState[] | undefined = undefined
  private outOfOrder = false

  /** Folds one entry of `delta.tool_calls` in, reporting an arguments delta when it carries arguments. */
  fold(raw: unknown, choiceIndex: number, emit: DeltaListener | undefined): void {
    if (raw === null || typeof raw !== 'object') throw malformed('a tool call that is not an object')
    const delta = raw as Loose
    const rawId = delta.id
    let id: string | undefined
    if (typeof rawId === 'string') {
      if (rawId !== '') id = rawId
    } else if (rawId !== undefined && rawId !== null) {
      throw malformed('a tool call id that is not a string')
    }
    const call = this.resolve(delta.index, id)
    if (id !== undefined && call.id === '') this.setId(call, id)
    for (const key in delta) {
      const value = delta[key]
      if (value === undefined || value === null) continue
      switch (key) {
        case 'index':
        case 'id':
          break
        case 'type':
          // Mistral leaves `type` out; the call keeps the default 'function'.
          if (typeof value === 'string' && value !== '') call.type = value
          break
        case 'function':
          foldFunction(call, value, choiceIndex, emit)
          break
        default:
          call.extras = keepExtra(call.extras, key, value)
      }
    }
  }

  /** Reports `tool_call.done` for every call not yet reported; a call is reported once, whatever comes later. */
  finish(choiceIndex: number, emit: DeltaListener | undefined): void {
    const calls = this.ordered()
    for (let i = 0; i < calls.length; i++) {
      const call = calls[i] as ToolCallState
      if (call.done) continue
      call.done = true
      if (emit !== undefined) {
        emit({
          type: 'tool_call.done',
          choiceIndex,
          toolIndex: call.position,
          id: call.id,
          name: call.name,
          arguments: call.args.value(),
        })
      }
    }
  }

  /** The calls as `message.tool_calls`, in index order. */
  build(): ToolCall[] {
    const calls = this.ordered()
    const out: ToolCall[] = []
    for (let i = 0; i < calls.length; i++) {
      const call = calls[i] as ToolCallState
      const toolCall: ToolCall = {
        id: call.id,
        type: call.type as 'function',
        function: { name: call.name, arguments: call.args.value() },
      }
      assignEntries(toolCall, call.extras)
      out.push(toolCall)
    }
    return out
  }

  private resolve(rawIndex: unknown, id: string | undefined): ToolCallState {
    if (rawIndex !== undefined && rawIndex !== null) {
      const index = readStreamIndex(rawIndex, 'tool call')
      const current = this.byIndex[index]
      // A different real id at a known index is a new call: some OpenAI-compatible servers number every call 0.
      if (current !== undefined && (id === undefined || current.id === '' || current.id === id))
        return current
      const call = this.start(index)
      this.byIndex[index] = call
      return call
    }
    if (id !== undefined) return this.byId?.get(id) ?? this.start(undefined)
    return this.calls[this.calls.length - 1] ?? this.start(undefined)
  }

  private start(index: number | undefined): ToolCallState {
    if (this.calls.length >= MAX_STREAM_INDEX)
      throw malformed(`more than ${MAX_STREAM_INDEX} tool calls in one choice`)
    const position = index !== undefined && this.taken[index] === undefined ? index : this.highest + 1
    this.taken[position] = true
    if (position > this.highest) this.highest = position
    const order = index ?? UNINDEXED
    const last = this.calls[this.calls.length - 1]
    if (last !== undefined && order < last.order) this.outOfOrder = true
    this.sorted = undefined
    const call = new ToolCallState(position, order)
    this.calls.push(call)
    return call
  }

  /** The calls in index order; the sort (stable: ties keep their start order) only when they started out of it. */
  private ordered(): readonly ToolCallState[] {
    if (!this.outOfOrder) return this.calls
    this.sorted ??= this.calls.slice().sort((a, b) => a.order - b.order)
    return this.sorted
  }

  private setId(call: ToolCallState, id: string): void {
    call.id = id
    this.byId ??= new Map()
    if (!this.byId.has(id)) this.byId.set(id, call)
  }
}

function foldFunction(
  call: ToolCallState,
  raw: unknown,
  choiceIndex: number,
  emit: DeltaListener | undefined,
): void {
  if (typeof raw !== 'object') throw malformed('a tool call function that is not an object')
  const fn = raw as Loose
  const name = fn.name
  // Follow-up deltas may repeat the name or send `name: ""` (Mistral); the first real name stays.
  if (typeof name === 'string') {
    if (name !== '' && call.name === '') call.name = name
  } else if (name !== undefined && name !== null) {
    throw malformed('a tool call name that is not a string')
  }
  let args = fn.arguments
  if (args === undefined || args === null) return
  // A few OpenAI-compatible servers send the arguments as an object rather than JSON text.
  if (typeof args === 'object') args = argumentsText(args)
  if (typeof args !== 'string') throw malformed('tool call arguments that are not a string')
  if (args === '') return
  call.args.push(args)
  if (emit !== undefined) {
    emit({
      type: 'tool_call.arguments.delta',
      choiceIndex,
      toolIndex: call.position,
      id: call.id,
      name: call.name,
      delta: args,
    })
  }
}

/** Arguments sent as an object, as the JSON text they stand for. */
function argumentsText(value: object): string {
  try {
    return JSON.stringify(value)
  } catch {
    // Parsing is iterative but writing is not: an object nested some 10,000 levels deep overflows the stack.
    throw malformed('tool call arguments nested too deeply to be written as JSON text')
  }
}
