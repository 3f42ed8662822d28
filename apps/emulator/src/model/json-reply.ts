import type { ResponseFormatView } from '../chat-request.js'
import { breakValue } from './break-value.js'
import type { ModelDirective } from './directives.js'
import { echoReply } from './echo.js'
import { generateFromSchema } from './json-schema.js'

/**
 * The reply for `response_format`: a JSON object echoing the user for `json_object`, a value generated
 * from the schema for `json_schema`, and `undefined` for plain text. The `wrong_schema` directive breaks the
 * value (it no longer fits the schema), `invalid_json` cuts the text in half (it is no longer JSON).
 */
export function jsonReply(
  format: ResponseFormatView | null | undefined,
  userText: string,
  variant: number,
  directives: ReadonlySet<ModelDirective> = new Set(),
): string | undefined {
  let value: unknown
  if (format?.type === 'json_object') value = { reply: echoReply(userText, variant) }
  else if (format?.type === 'json_schema') {
    const schema = format.json_schema.schema ?? { type: 'object', properties: {} }
    const words = userText.split(/\s+/).filter(Boolean)
    value = generateFromSchema(schema, { words, variant })
    if (directives.has('wrong_schema')) value = breakValue(schema, value)
  } else return undefined
  const json = JSON.stringify(value)
  // Half of an object's text (structured outputs ask for an object) never parses: its closing brace is gone.
  return directives.has('invalid_json') ? json.slice(0, Math.ceil(json.length / 2)) : json
}
