import type { ResponseFormatView } from '../chat-request.js'
import { echoReply } from './echo.js'
import { generateFromSchema } from './json-schema.js'

/**
 * The reply for `response_format`: a JSON object echoing the user for `json_object`, a value generated
 * from the schema for `json_schema`, and `undefined` for plain text.
 */
export function jsonReply(
  format: ResponseFormatView | null | undefined,
  userText: string,
  variant: number,
): string | undefined {
  if (format?.type === 'json_object') return JSON.stringify({ reply: echoReply(userText, variant) })
  if (format?.type === 'json_schema') {
    const schema = format.json_schema.schema ?? { type: 'object', properties: {} }
    const words = userText.split(/\s+/).filter(Boolean)
    return JSON.stringify(generateFromSchema(schema, { words, variant }))
  }
  return undefined
}
