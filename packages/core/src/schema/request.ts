import * as v from 'valibot'
import { JsonSchemaTypesCheck } from './json-schema-types.js'
import type { KnownFields } from './known-fields.js'
import { type ChatMessage, ChatMessagesSchema } from './message.js'

const NAME_PATTERN = /^[a-zA-Z0-9_-]{1,64}$/
const NAME_RULE = '1 to 64 characters of a-z, A-Z, 0-9, _ or -'

/** A function or JSON-schema name as the service accepts it: 1 to 64 of `a-zA-Z0-9_-`. */
export const FunctionNameSchema = v.pipe(v.string(), v.regex(NAME_PATTERN, `Expected ${NAME_RULE}`))

/**
 * A JSON Schema: any JSON object (not an array), kept as the same object. Its every `type` must be one of the
 * seven JSON Schema types (or an array of them); the rest of its content is the service's to check.
 */
export const JsonSchemaObjectSchema = v.pipe(
  v.custom<Record<string, unknown>>(
    (input) => typeof input === 'object' && input !== null && !Array.isArray(input),
    'Expected a JSON Schema object',
  ),
  JsonSchemaTypesCheck,
)

const range = (min: number, max: number) => v.pipe(v.number(), v.minValue(min), v.maxValue(max))
const positiveInteger = v.pipe(v.number(), v.integer(), v.minValue(1))

/** Plain text output (the default). */
export const TextResponseFormatSchema = v.looseObject({ type: v.literal('text') })

/** Any valid JSON object as output ("JSON mode"). */
export const JsonObjectResponseFormatSchema = v.looseObject({ type: v.literal('json_object') })

/** Output that follows a JSON Schema ("structured outputs"); `strict` makes the service enforce it. */
export const JsonSchemaResponseFormatSchema = v.looseObject({
  type: v.literal('json_schema'),
  json_schema: v.looseObject({
    name: FunctionNameSchema,
    description: v.optional(v.string()),
    schema: v.optional(JsonSchemaObjectSchema),
    strict: v.nullish(v.boolean()),
  }),
})

/** The format of the model's output, told apart by `type`. */
export const ResponseFormatSchema = v.variant('type', [
  TextResponseFormatSchema,
  JsonObjectResponseFormatSchema,
  JsonSchemaResponseFormatSchema,
])

/** A function the model may call, with its parameters as a JSON Schema. */
export const FunctionToolSchema = v.looseObject({
  type: v.literal('function'),
  function: v.looseObject({
    name: FunctionNameSchema,
    description: v.optional(v.string()),
    parameters: v.optional(JsonSchemaObjectSchema),
    strict: v.nullish(v.boolean()),
  }),
})

/** A tool the model may call; only functions so far, told apart by `type`. */
export const ToolSchema = v.variant('type', [FunctionToolSchema])

/** Forces a call of the named function. */
export const NamedToolChoiceSchema = v.looseObject({
  type: v.literal('function'),
  function: v.looseObject({ name: v.string() }),
})

/** Whether and which tool the model calls: `none`, `auto`, `required`, or a named function. */
export const ToolChoiceSchema = v.union([v.picklist(['none', 'auto', 'required']), NamedToolChoiceSchema])

/** How much the model reasons before it answers (reasoning models; `none` and `minimal` on newer ones). */
export const ReasoningEffortSchema = v.picklist(['none', 'minimal', 'low', 'medium', 'high'])

/** The voice and format of an audio reply (`modalities: ['text', 'audio']`). */
export const AudioOutputSchema = v.looseObject({
  voice: v.string(),
  format: v.picklist(['wav', 'aac', 'mp3', 'flac', 'opus', 'pcm16']),
})

/**
 * A chat-completions request. Every field OpenAI and the compatible services document is checked for type and
 * range; fields this schema does not know pass through unchanged, for the service to judge. `model` is optional
 * because Azure deployments name the model in the URL.
 */
export const ChatRequestSchema = v.pipe(
  v.looseObject({
    messages: ChatMessagesSchema,
    model: v.optional(v.pipe(v.string(), v.nonEmpty('Expected a model name'))),
    frequency_penalty: v.nullish(range(-2, 2)),
    presence_penalty: v.nullish(range(-2, 2)),
    /** Multiplies the logits of repeated tokens (vLLM, Qwen and other hosts); 1 means none. */
    repetition_penalty: v.nullish(v.pipe(v.number(), v.gtValue(0))),
    temperature: v.nullish(range(0, 2)),
    top_p: v.nullish(range(0, 1)),
    /** The older name of `max_completion_tokens`; reasoning models reject it. */
    max_tokens: v.nullish(positiveInteger),
    max_completion_tokens: v.nullish(positiveInteger),
    n: v.nullish(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(128))),
    stop: v.nullish(v.union([v.string(), v.pipe(v.array(v.string()), v.minLength(1), v.maxLength(4))])),
    seed: v.nullish(v.pipe(v.number(), v.integer())),
    stream: v.nullish(v.boolean()),
    stream_options: v.nullish(v.looseObject({ include_usage: v.optional(v.boolean()) })),
    response_format: v.optional(ResponseFormatSchema),
    tools: v.optional(v.array(ToolSchema)),
    tool_choice: v.optional(ToolChoiceSchema),
    parallel_tool_calls: v.optional(v.boolean()),
    logprobs: v.nullish(v.boolean()),
    top_logprobs: v.nullish(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(20))),
    /** Token id (as a decimal string) → bias from -100 (ban) to 100 (force). */
    logit_bias: v.nullish(
      v.record(v.pipe(v.string(), v.regex(/^\d+$/, 'Expected a token id (digits)')), range(-100, 100)),
    ),
    user: v.optional(v.string()),
    reasoning_effort: v.nullish(ReasoningEffortSchema),
    modalities: v.nullish(v.array(v.picklist(['text', 'audio']))),
    audio: v.nullish(AudioOutputSchema),
    store: v.nullish(v.boolean()),
    metadata: v.nullish(v.record(v.string(), v.string())),
    service_tier: v.nullish(v.string()),
  }),
  // A check of the whole request, not `forward(partialCheck(…))`: `forward` compares every issue with every
  // earlier one, which took seconds for a request with 100k bad messages.
  v.rawCheck(({ dataset, addIssue }) => {
    const request = dataset.value as Record<string, unknown> | null
    if (typeof request !== 'object' || request === null) return
    const { top_logprobs, logprobs } = request
    if (top_logprobs == null || logprobs === true) return
    // Once either field has an issue of its own, that issue says enough.
    if (dataset.issues?.some((issue) => isAbout(issue, 'top_logprobs') || isAbout(issue, 'logprobs'))) return
    addIssue({
      message: 'Requires logprobs: true',
      input: top_logprobs,
      path: [{ type: 'object', origin: 'value', input: request, key: 'top_logprobs', value: top_logprobs }],
    })
  }),
)

function isAbout(issue: v.BaseIssue<unknown>, field: string): boolean {
  return issue.path?.[0]?.key === field
}

/** The format of the model's output. */
export type ResponseFormat = KnownFields<v.InferOutput<typeof ResponseFormatSchema>>
/** A function the model may call. */
export interface FunctionTool extends KnownFields<v.InferOutput<typeof FunctionToolSchema>> {}
/** A tool the model may call. */
export type Tool = FunctionTool
/** Whether and which tool the model calls. */
export type ToolChoice = KnownFields<v.InferOutput<typeof ToolChoiceSchema>>
/** How much the model reasons before it answers. */
export type ReasoningEffort = v.InferOutput<typeof ReasoningEffortSchema>
/** The voice and format of an audio reply. */
export interface AudioOutput extends KnownFields<v.InferOutput<typeof AudioOutputSchema>> {}
/**
 * A chat-completions request: the fields {@link ChatRequestSchema} knows and no others, so that a misspelled
 * field in an object literal is a compile error. A client's `Extra` type parameter names more.
 */
export type ChatRequest = {
  [Key in keyof RequestFields]: RequestFields[Key]
}

type RequestFields = Omit<KnownFields<v.InferOutput<typeof ChatRequestSchema>>, 'messages' | 'tools'> & {
  /** The conversation so far; a completion's `message` can be pushed onto it as it is. */
  messages: ChatMessage[]
  tools?: Tool[] | undefined
}
