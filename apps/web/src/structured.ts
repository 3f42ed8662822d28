import type { ResponseFormat } from '@chatwire/core'
import { toJsonSchema } from '@valibot/to-json-schema'
import * as v from 'valibot'

/** What a structured answer must be: a small city profile. */
export const CityProfile = v.object({
  city: v.string(),
  country: v.string(),
  population: v.pipe(v.number(), v.integer(), v.minValue(1)),
  landmarks: v.pipe(v.array(v.string()), v.minLength(1), v.maxLength(3)),
})

/** The request's `response_format` asking for a {@link CityProfile}. */
export const cityProfileFormat: ResponseFormat = {
  type: 'json_schema',
  json_schema: {
    name: 'city_profile',
    strict: true,
    schema: { ...toJsonSchema(CityProfile), additionalProperties: false },
  },
}

/** The answer's object when it is valid JSON of that shape; `undefined` otherwise (then the text is shown). */
export function parseStructured(text: string): v.InferOutput<typeof CityProfile> | undefined {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return undefined
  }
  const result = v.safeParse(CityProfile, value)
  return result.success ? result.output : undefined
}
