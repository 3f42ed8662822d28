import type { ChatClient } from '../client/create-chat-client.js'
import type { ChatRequest } from '../schema/request.js'
import type { StandardSchemaV1 } from '../tools/standard-schema.js'
import { jsonSchemaFormat } from './json-schema-format.js'
import {
  errorContextOf,
  type ObjectOptions,
  type ObjectResult,
  splitObjectOptions,
} from './object-options.js'
import { parseOutput } from './parse-output.js'

/**
 * Asks for an object matching `schema` (`response_format: json_schema`) and resolves with the call's result
 * and its `object`, validated by the same schema and typed from it. A refusal or any end but `stop` resolves
 * with `object: undefined` and the outcome that says why; output that is not JSON or fails the schema rejects
 * with an `OutputValidationError`; other failures reject as `complete()` does.
 *
 * @example
 * const { object } = await completeObject(client, { model, messages }, { schema: Person, name: 'person' })
 */
export async function completeObject<Schema extends StandardSchemaV1, Request extends ChatRequest>(
  client: ChatClient<Request>,
  request: Request,
  options: ObjectOptions<Schema>,
): Promise<ObjectResult<StandardSchemaV1.InferOutput<Schema>>> {
  const { format, call } = splitObjectOptions(options)
  const response_format = jsonSchemaFormat(options.schema, format)
  const result = await client.complete({ ...request, response_format }, call)
  if (result.outcome.type !== 'stop') return { ...result, object: undefined }
  const object = await parseOutput(options.schema, result.text, errorContextOf(result))
  return { ...result, object }
}
