import { malformed } from './chunk-fields.js'

/**
 * The highest number of choices (`n`) and of tool calls per choice the accumulator accepts. OpenAI caps `n`
 * at 128 and parallel tool calls far lower; the cap keeps a hostile or broken stream from making the
 * accumulator allocate huge sparse arrays.
 */
export const MAX_STREAM_INDEX = 1024

/**
 * Reads a choice or tool-call index from a chunk: a non-negative safe integer below {@link MAX_STREAM_INDEX}.
 * Anything else (negative, fractional, huge, a string such as `"__proto__"`) is a {@link MalformedStreamError}
 * whose message names the field but never repeats the payload.
 */
export function readStreamIndex(value: unknown, field: 'choice' | 'tool call'): number {
  if (typeof value === 'number' && (value | 0) === value && value >= 0 && value < MAX_STREAM_INDEX)
    return value
  throw malformed(`a ${field} index that is not an integer from 0 to ${MAX_STREAM_INDEX - 1}`)
}
