import type { FunctionTool } from '../schema/request.js'
import { checkStrictSchema } from './strict-json-schema.js'
import type { ChatTool } from './tool.js'

/**
 * The request's `tools` array for a set of tools: one `function` entry each, with its JSON Schema. A tool
 * with `strict: true` is checked against the strict rules first: an `InvalidRequestError` names the
 * offending schema node (`tools[0].function.parameters.properties.unit`). Two tools of one name are a
 * `TypeError`.
 *
 * @example
 * await client.complete({ model, messages, tools: toolsForRequest([weather]) })
 */
export function toolsForRequest(tools: readonly ChatTool[]): FunctionTool[] {
  const names = new Set<string>()
  return tools.map((tool, index) => {
    if (names.has(tool.name)) throw new TypeError(`Two tools are named ${tool.name}: a name calls one tool`)
    names.add(tool.name)
    if (tool.strict === true) {
      checkStrictSchema(tool.jsonSchema, ['tools', index, 'function', 'parameters'], `Tool ${tool.name}`)
    }
    return {
      type: 'function' as const,
      function: {
        name: tool.name,
        ...(tool.description === undefined ? {} : { description: tool.description }),
        parameters: tool.jsonSchema,
        ...(tool.strict === undefined ? {} : { strict: tool.strict }),
      },
    }
  })
}
