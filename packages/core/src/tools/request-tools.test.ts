import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { InvalidRequestError } from '../errors.js'
import { validateRequest } from '../validate-request.js'
import { toolsForRequest } from './request-tools.js'
import { tool } from './tool.js'

describe('toolsForRequest', () => {
  it('gives one function entry per tool, which the request schema accepts', () => {
    const tools = toolsForRequest([
      tool({ name: 'get_weather', description: 'The weather', parameters: z.object({ city: z.string() }) }),
      tool({ name: 'now', parameters: z.strictObject({}), strict: true }),
    ])
    expect(tools).toEqual([
      {
        type: 'function',
        function: {
          name: 'get_weather',
          description: 'The weather',
          parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
        },
      },
      {
        type: 'function',
        function: {
          name: 'now',
          parameters: { type: 'object', properties: {}, additionalProperties: false },
          strict: true,
        },
      },
    ])
    expect(() =>
      validateRequest({ model: 'm', messages: [{ role: 'user', content: 'hi' }], tools }),
    ).not.toThrow()
  })

  it('checks a strict tool before anything is sent, naming the schema node by its place in the request', () => {
    const unit = tool({
      name: 'convert',
      parameters: z.strictObject({ value: z.number(), unit: z.string().optional() }),
      strict: true,
    })
    const loose = tool({ name: 'loose', parameters: z.object({}) })
    expect(() => toolsForRequest([loose, unit])).toThrow(InvalidRequestError)
    expect(() => toolsForRequest([loose, unit])).toThrow(
      'Tool convert: tools[1].function.parameters.properties.unit: Expected the property to be listed in required',
    )
  })

  it('refuses two tools of one name', () => {
    const a = tool({ name: 'lookup', parameters: z.object({}) })
    expect(() => toolsForRequest([a, a])).toThrow(
      new TypeError('Two tools are named lookup: a name calls one tool'),
    )
  })
})
