import { type MessageView, messageText } from '../chat-request.js'
import { scanDirectives } from './conversation.js'

/**
 * What a test can ask of the scripted model by typing `[[model:NAME]]` into the last user message (several
 * phrases, or names split by commas, combine). Unknown names are ignored.
 * - `refuse`: a refusal (`message.refusal`, no content, `finish_reason: "stop"`);
 * - `invalid_json`: a JSON reply cut in half, so it is not valid JSON;
 * - `wrong_schema`: valid JSON that fails the `json_schema` (the first required property left out, or a
 *   property of the wrong type);
 * - `invalid_arguments`: the first round of tool calls has arguments that fail the tool's schema; when the
 *   tool results say "invalid", the model calls again with valid ones;
 * - `keep_calling_tools`: after every round of tool results it calls the tools again, and never answers.
 */
export type ModelDirective =
  | 'refuse'
  | 'invalid_json'
  | 'wrong_schema'
  | 'invalid_arguments'
  | 'keep_calling_tools'

const KNOWN = new Set<string>([
  'refuse',
  'invalid_json',
  'wrong_schema',
  'invalid_arguments',
  'keep_calling_tools',
])
const PREFIX = 'model:'

/** The `[[model:…]]` directives of the last user message. */
export function modelDirectives(messages: readonly MessageView[]): Set<ModelDirective> {
  const found = new Set<ModelDirective>()
  let last: MessageView | undefined
  for (const message of messages) if (message.role === 'user') last = message
  if (last === undefined) return found
  for (const { body } of scanDirectives(messageText(last))) {
    if (body.slice(0, PREFIX.length).toLowerCase() !== PREFIX) continue
    for (const name of body.slice(PREFIX.length).split(',')) {
      const trimmed = name.trim().toLowerCase()
      if (KNOWN.has(trimmed)) found.add(trimmed as ModelDirective)
    }
  }
  return found
}
