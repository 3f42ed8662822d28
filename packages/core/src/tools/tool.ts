import type { ChatMessage } from '../schema/message.js'
import { type JsonSchemaConverter, jsonSchemaOf } from './json-schema-of.js'
import type { StandardSchemaV1 } from './standard-schema.js'

const NAME_PATTERN = /^[a-zA-Z0-9_-]{1,64}$/

/** What a tool's `execute` gets besides its input. */
export interface ToolExecuteContext {
  /** Aborts when the run is aborted: pass it on to `fetch` and the like. */
  signal: AbortSignal
  /** The id of the call being answered. */
  toolCallId: string
  /** The conversation so far, up to the assistant message that made the call. */
  messages: readonly ChatMessage[]
}

/** What {@link tool} takes. */
export interface ToolDefinition<Schema extends StandardSchemaV1, Result> {
  /** The function name the model calls: 1 to 64 of `a-zA-Z0-9_-`. */
  name: string
  /** What the tool does and when to use it, for the model. */
  description?: string | undefined
  /** A Standard Schema (valibot, zod 4, arktype) of the arguments; they are validated by it before `execute`. */
  parameters: Schema
  /**
   * Runs the call with the validated arguments; its result (a string, or JSON-stringified) answers the model.
   * Without it, calls are left to the caller (a human in the loop, a client-side tool).
   */
  execute?:
    | ((input: StandardSchemaV1.InferOutput<Schema>, context: ToolExecuteContext) => Result | Promise<Result>)
    | undefined
  /** Sends `strict: true`: the service then enforces the schema, which must follow its strict rules (checked). */
  strict?: boolean | undefined
  /**
   * The schema library's converter, for schemas that do not convert themselves to JSON Schema (valibot:
   * `toJsonSchema` from `@valibot/to-json-schema`). zod 4 and arktype schemas need none.
   */
  toJsonSchema?: JsonSchemaConverter<Schema> | undefined
}

/** A tool the model may call, made by {@link tool}: its definition plus the JSON Schema of its parameters. */
export interface ChatTool<Schema extends StandardSchemaV1 = StandardSchemaV1, Result = unknown> {
  readonly name: string
  readonly description: string | undefined
  readonly parameters: Schema
  /** The parameters as JSON Schema, from the schema library's own converter. */
  readonly jsonSchema: Record<string, unknown>
  readonly strict: boolean | undefined
  /** Runs a call; `undefined` for a tool whose calls the caller answers. */
  // A method, so that a tool with typed input still belongs to a list of tools of any input.
  execute?(input: StandardSchemaV1.InferOutput<Schema>, context: ToolExecuteContext): Result | Promise<Result>
}

/**
 * Defines a tool: its name, description, a Standard Schema of its parameters (the input of `execute` is typed
 * from it) and, unless the caller answers its calls, `execute`. The JSON Schema is made now, by the schema
 * library, so that a schema it cannot convert fails here, with the tool's name.
 *
 * @example
 * const weather = tool({
 *   name: 'get_weather',
 *   description: 'The weather in a city',
 *   parameters: z.object({ city: z.string() }),
 *   execute: async ({ city }, { signal }) => (await fetch(`https://wttr.in/${city}?format=3`, { signal })).text(),
 * })
 */
export function tool<Schema extends StandardSchemaV1, Result = unknown>(
  definition: ToolDefinition<Schema, Result>,
): ChatTool<Schema, Result> {
  const { name, description, parameters, execute, strict, toJsonSchema } = definition
  if (typeof name !== 'string' || !NAME_PATTERN.test(name)) {
    throw new TypeError(
      `A tool's name must be 1 to 64 characters of a-z, A-Z, 0-9, _ or -, got ${JSON.stringify(name)}`,
    )
  }
  if (typeof parameters?.['~standard']?.validate !== 'function') {
    throw new TypeError(`Tool ${name}: parameters must be a Standard Schema (valibot, zod 4, arktype…)`)
  }
  return {
    name,
    description,
    parameters,
    jsonSchema: jsonSchemaOf(parameters, toJsonSchema, `Tool ${name}`),
    strict,
    ...(execute === undefined ? {} : { execute }),
  }
}
