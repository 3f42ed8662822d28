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
export function parsePartialJson(text: string): unknown {
  return readPartialJson(text).value
}

// What the scanner expects next.
const VALUE = 0
const ARRAY_START = 1 // a value or `]`
const OBJECT_START = 2 // a key or `}`
const KEY = 3
const AFTER = 4 // `,` or the end of the open container

/**
 * {@link parsePartialJson}'s value, with its extent: the end of the last character that shaped it. Two
 * prefixes of one text with the same extent have equal values, so a stream can tell a new partial value
 * without comparing values (whitespace, a key still being written, a comma or a closing quote move nothing).
 */
export function readPartialJson(text: string): { value: unknown; extent: number } {
  // The scan checks the text and finds its longest prefix that holds a value (`cut`, plus `quote` when it
  // ends inside a string); JSON.parse then builds the value from it and the closers of its open containers.
  const space = /[ \n\r\t]*/y
  // biome-ignore lint/suspicious/noControlCharactersInRegex: JSON forbids raw control characters in strings.
  const string = /"((?:[^"\\\0-\x1f]|\\(?:["\\/bfnrt]|u[\da-fA-F]{4}))*)(")?/y
  const number = /[-+.\deE]+/y
  const closers: string[] = []
  let cut = 0
  let depth = 0
  let quote = ''
  let extent = 0
  let at = 0
  let expect = VALUE
  const match = (pattern: RegExp): RegExpExecArray | null => {
    pattern.lastIndex = at
    return pattern.exec(text)
  }
  const cutAt = (end: number, valueEnd = end): void => {
    cut = end
    depth = closers.length
    quote = ''
    extent = valueEnd
  }

  while (true) {
    at += (match(space) as RegExpExecArray)[0].length
    const char = text[at]
    if (char === undefined) break
    if (expect === AFTER) {
      const closer = closers.at(-1)
      if (char === ',' && closer !== undefined) {
        at++
        expect = closer === '}' ? KEY : VALUE
      } else if (char === closer) {
        at++
        closers.pop()
        // Closing moves no extent: the value is what it was.
        cutAt(at, extent)
      } else break
      continue
    }
    if ((expect === OBJECT_START && char === '}') || (expect === ARRAY_START && char === ']')) {
      at++
      closers.pop()
      cutAt(at, extent)
      expect = AFTER
      continue
    }
    if (expect >= OBJECT_START) {
      const key = match(string)
      if (key?.[2] === undefined) break
      at += key[0].length
      at += (match(space) as RegExpExecArray)[0].length
      if (text[at] !== ':') break
      at++
      expect = VALUE
      continue
    }
    if (char === '{' || char === '[') {
      closers.push(char === '{' ? '}' : ']')
      cutAt(++at)
      expect = char === '{' ? OBJECT_START : ARRAY_START
      continue
    }
    const quoted = char === '"' ? match(string) : null
    if (quoted !== null) {
      const valueEnd = at + 1 + (quoted[1] as string).length
      at += quoted[0].length
      if (quoted[2] === undefined) {
        // Cut inside the string (or before a half-written escape): it closes after what is written.
        cutAt(valueEnd)
        quote = '"'
        break
      }
      cutAt(at, valueEnd)
      expect = AFTER
      continue
    }
    const token = match(number)?.[0]
    if (token !== undefined) {
      const valid = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(token)?.[0]
      if (at + token.length >= text.length) {
        // The number may go on: keep what is valid of it so far ("1e" is 1 until its exponent comes).
        if (valid !== undefined) cutAt(at + valid.length)
        break
      }
      if (valid !== token) break
      at += token.length
      cutAt(at)
      expect = AFTER
      continue
    }
    const literal = ['true', 'false', 'null'].find((word) => text.startsWith(word, at))
    if (literal === undefined) break
    at += literal.length
    cutAt(at)
    expect = AFTER
  }
  const value =
    cut === 0
      ? undefined
      : JSON.parse(text.slice(0, cut) + quote + closers.slice(0, depth).reverse().join(''))
  return { value, extent }
}
