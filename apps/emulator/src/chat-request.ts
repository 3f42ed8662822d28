/**
 * The fields of a chat request that the emulator reads. Requests are validated (by `@chatwire/core`'s
 * schemas) before they get here; this view only names what the scripted model and the envelopes use, and
 * keeps every other field as `unknown` so that providers' extras pass through untouched.
 */
export interface ChatRequestView {
  model?: string
  messages: MessageView[]
  stream?: boolean | null
  stream_options?: { include_usage?: boolean | null } | null
  n?: number | null
  max_tokens?: number | null
  max_completion_tokens?: number | null
  stop?: string | string[] | null
  seed?: number | null
  response_format?: ResponseFormatView | null
  logprobs?: boolean | null
  top_logprobs?: number | null
  tools?: ToolView[] | null
  tool_choice?: ToolChoiceView | null
  parallel_tool_calls?: boolean | null
  reasoning_effort?: string | null
  [extra: string]: unknown
}

export interface MessageView {
  role: string
  content?: string | ContentPartView[] | null
  name?: string
  tool_calls?: ToolCallView[] | null
  tool_call_id?: string
  [extra: string]: unknown
}

export interface ContentPartView {
  type: string
  text?: string
  [extra: string]: unknown
}

export interface ToolCallView {
  id: string
  type: 'function'
  function: { name: string; arguments: string }
}

export interface ToolView {
  type: string
  function: { name: string; description?: string; parameters?: JsonSchema; strict?: boolean | null }
}

export type ToolChoiceView = 'none' | 'auto' | 'required' | { type: 'function'; function: { name: string } }

export type ResponseFormatView =
  | { type: 'text' }
  | { type: 'json_object' }
  | { type: 'json_schema'; json_schema: { name: string; schema?: JsonSchema; strict?: boolean | null } }

/** A JSON Schema, read loosely: the generator understands the subset that structured outputs allow. */
export type JsonSchema = { [keyword: string]: unknown }

/** The text of a message: its string content, or its text parts joined. */
export function messageText(message: MessageView): string {
  const { content } = message
  if (typeof content === 'string') return content
  if (!Array.isArray(content)) return ''
  return content
    .map((part) => (part.type === 'text' && typeof part.text === 'string' ? part.text : ''))
    .join('')
}
