import * as v from 'valibot'
import type { KnownFields } from './known-fields.js'

/** A text content part: `{ type: 'text', text }`. */
export const TextPartSchema = v.looseObject({ type: v.literal('text'), text: v.string() })

/** An image content part: a URL or a `data:` URL, with an optional level of detail. */
export const ImageUrlPartSchema = v.looseObject({
  type: v.literal('image_url'),
  image_url: v.looseObject({
    url: v.string(),
    detail: v.optional(v.picklist(['auto', 'low', 'high'])),
  }),
})

/** An audio content part: base64 data in WAV or MP3. */
export const InputAudioPartSchema = v.looseObject({
  type: v.literal('input_audio'),
  input_audio: v.looseObject({
    data: v.string(),
    format: v.picklist(['wav', 'mp3']),
  }),
})

/**
 * A file content part (a PDF, say): its data as a base64 `data:` URL in `file_data` with its `filename`, or
 * the id of an uploaded file in `file_id`.
 */
export const FilePartSchema = v.looseObject({
  type: v.literal('file'),
  file: v.pipe(
    v.looseObject({
      file_data: v.optional(v.string()),
      file_id: v.optional(v.string()),
      filename: v.optional(v.string()),
    }),
    v.check(
      (file) => file.file_data !== undefined || file.file_id !== undefined,
      'Expected file_data or file_id',
    ),
  ),
})

/** A refusal content part, only in assistant messages: `{ type: 'refusal', refusal }`. */
export const RefusalPartSchema = v.looseObject({ type: v.literal('refusal'), refusal: v.string() })

/** A content part of a user message: text, image, audio or file. */
export const UserContentPartSchema = v.variant('type', [
  TextPartSchema,
  ImageUrlPartSchema,
  InputAudioPartSchema,
  FilePartSchema,
])

/** A content part of an assistant message: text or refusal. */
export const AssistantContentPartSchema = v.variant('type', [TextPartSchema, RefusalPartSchema])

// The service rejects an empty array of parts, so the request is checked the same way before it is sent.
const textContent = v.union([
  v.string(),
  v.pipe(v.array(v.variant('type', [TextPartSchema])), v.minLength(1)),
])

/** A function call made by the model: `{ id, type: 'function', function: { name, arguments } }`. */
export const ToolCallSchema = v.looseObject({
  id: v.string(),
  type: v.literal('function'),
  function: v.looseObject({
    name: v.string(),
    /** The arguments as the model wrote them: a JSON text that may be invalid. */
    arguments: v.string(),
  }),
})

/** Instructions from the application (`system` role); text only. */
export const SystemMessageSchema = v.looseObject({
  role: v.literal('system'),
  content: textContent,
  name: v.optional(v.string()),
})

/** Instructions from the application for reasoning models (`developer` role); text only. */
export const DeveloperMessageSchema = v.looseObject({
  role: v.literal('developer'),
  content: textContent,
  name: v.optional(v.string()),
})

/** A message from the user: text, or parts with text, images, audio and files. */
export const UserMessageSchema = v.looseObject({
  role: v.literal('user'),
  content: v.union([v.string(), v.pipe(v.array(UserContentPartSchema), v.minLength(1))]),
  name: v.optional(v.string()),
})

/** An earlier reply of the model sent back in the conversation. */
export const AssistantMessageSchema = v.looseObject({
  role: v.literal('assistant'),
  content: v.nullish(v.union([v.string(), v.pipe(v.array(AssistantContentPartSchema), v.minLength(1))])),
  refusal: v.nullish(v.string()),
  // `null` as a reply has it (Mistral, vLLM): the reply goes back as it is.
  tool_calls: v.nullish(v.pipe(v.array(ToolCallSchema), v.minLength(1))),
  /** A reference to an earlier audio reply, by the id the service gave it. */
  audio: v.nullish(v.looseObject({ id: v.string() })),
  reasoning_content: v.nullish(v.string()),
  name: v.optional(v.string()),
})

/** The result of a tool call, answering the call with the same `tool_call_id`. */
export const ToolMessageSchema = v.looseObject({
  role: v.literal('tool'),
  tool_call_id: v.string(),
  content: textContent,
})

/** One message of a conversation, told apart by `role`. */
export const ChatMessageSchema = v.variant('role', [
  SystemMessageSchema,
  DeveloperMessageSchema,
  UserMessageSchema,
  AssistantMessageSchema,
  ToolMessageSchema,
])

/**
 * The conversation of a request: at least one message, and no assistant message with nothing in it (the
 * service rejects `content: null` without tool calls; a refusal sent back as history is kept).
 */
export const ChatMessagesSchema = v.pipe(
  v.array(ChatMessageSchema),
  v.minLength(1, 'Expected at least one message'),
  v.rawCheck(({ dataset, addIssue }) => {
    const messages = dataset.value
    if (!Array.isArray(messages)) return
    for (const [index, message] of messages.entries()) {
      if (!isEmptyAssistantMessage(message)) continue
      addIssue({
        message:
          'Expected content, refusal, tool_calls or audio in an assistant message but received none of them',
        input: message.content,
        path: [
          { type: 'array', origin: 'value', input: messages, key: index, value: message },
          { type: 'object', origin: 'value', input: message, key: 'content', value: message.content },
        ],
      })
    }
  }),
)

function isEmptyAssistantMessage(message: unknown): message is Record<string, unknown> {
  if (typeof message !== 'object' || message === null) return false
  const { role, content, refusal, tool_calls, audio, function_call } = message as Record<string, unknown>
  if (role !== 'assistant' || content != null || refusal != null) return false
  return tool_calls == null && audio == null && function_call == null
}

/** A text content part. */
export interface TextPart extends KnownFields<v.InferOutput<typeof TextPartSchema>> {}
/** An image content part. */
export interface ImageUrlPart extends KnownFields<v.InferOutput<typeof ImageUrlPartSchema>> {}
/** An audio content part. */
export interface InputAudioPart extends KnownFields<v.InferOutput<typeof InputAudioPartSchema>> {}
/** A file content part. */
export interface FilePart extends KnownFields<v.InferOutput<typeof FilePartSchema>> {}
/** A refusal content part. */
export interface RefusalPart extends KnownFields<v.InferOutput<typeof RefusalPartSchema>> {}
/** A content part of a user message. */
export type UserContentPart = TextPart | ImageUrlPart | InputAudioPart | FilePart
/** A content part of an assistant message. */
export type AssistantContentPart = TextPart | RefusalPart
/** A function call made by the model. */
export interface ToolCall extends KnownFields<v.InferOutput<typeof ToolCallSchema>> {}
/** A `system` message. */
export interface SystemMessage extends KnownFields<v.InferOutput<typeof SystemMessageSchema>> {}
/** A `developer` message. */
export interface DeveloperMessage extends KnownFields<v.InferOutput<typeof DeveloperMessageSchema>> {}
/** A `user` message. */
export interface UserMessage extends KnownFields<v.InferOutput<typeof UserMessageSchema>> {}
/** An `assistant` message in a request. */
export interface AssistantMessage extends KnownFields<v.InferOutput<typeof AssistantMessageSchema>> {}
/** A `tool` message. */
export interface ToolMessage extends KnownFields<v.InferOutput<typeof ToolMessageSchema>> {}
/** One message of a conversation, told apart by `role`. */
export type ChatMessage = SystemMessage | DeveloperMessage | UserMessage | AssistantMessage | ToolMessage
