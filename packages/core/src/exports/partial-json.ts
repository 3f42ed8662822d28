// A chat loads partial-json.ts with its first tool call (see error-path.ts for why this is a binding).
import { parsePartialJson as parsePartial } from '../structured/partial-json.js'

/**
 * The value of a JSON text cut anywhere, as far as it goes: open objects and arrays as they stand, a string
 * as written so far, a number as its longest valid prefix; a key without its value, a half-written literal
 * (`tru`), a dangling escape are left out. `undefined` when no value has begun. It never throws (text past
 * an error is ignored) and it is monotonic: what a prefix holds, every longer prefix holds too. On a complete
 * text it equals `JSON.parse`. One pass, no recursion: any depth.
 *
 * @example
 * parsePartialJson('{"name":"Ada","tags":["ma') // → { name: 'Ada', tags: ['ma'] }
 */
export const parsePartialJson: (text: string) => unknown = parsePartial
