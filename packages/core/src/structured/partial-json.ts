type JsonObject = Record<string, unknown>

/** An object or array still open, with the key its next value goes under. */
interface Frame {
  container: JsonObject | unknown[]
  /** For an object: the key read, whose value comes next; `undefined` while a key (or `}`) is expected. */
  key: string | undefined
}

const NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/
const LITERALS: readonly [string, unknown][] = [
  ['true', true],
  ['false', false],
  ['null', null],
]

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

/**
 * {@link parsePartialJson}'s value, with its extent: the end of the last character that shaped it. Two
 * prefixes of one text with the same extent have equal values, so a stream can tell a new partial value
 * without comparing values (whitespace, a key still being written, a comma or a closing quote move nothing).
 */
export function readPartialJson(text: string): { value: unknown; extent: number } {
  const stack: Frame[] = []
  let extent = 0
  let root: unknown
  let at = 0
  let expectValue = true

  const place = (value: unknown): void => {
    const top = stack.at(-1)
    if (top === undefined) root = value
    else if (Array.isArray(top.container)) top.container.push(value)
    else setOwn(top.container, top.key as string, value)
  }

  while (true) {
    at = skipSpace(text, at)
    if (at >= text.length) break
    const top = stack.at(-1)
    const char = text[at]
    if (!expectValue) {
      // After a value: a comma, or the end of its container.
      if (top === undefined) break
      const array = Array.isArray(top.container)
      if (char === ',') {
        at++
        if (!array) top.key = undefined
        expectValue = true
      } else if (char === (array ? ']' : '}')) {
        at++
        stack.pop()
      } else break
      continue
    }
    if (top !== undefined && !Array.isArray(top.container) && top.key === undefined) {
      // In an object, before a key.
      if (char === '}') {
        at++
        stack.pop()
        expectValue = false
        continue
      }
      if (char !== '"') break
      const key = readString(text, at)
      if (!key.complete) break
      at = skipSpace(text, key.end)
      if (text[at] !== ':') break
      at++
      top.key = key.value
      continue
    }
    if (char === ']' && top !== undefined && Array.isArray(top.container) && top.container.length === 0) {
      at++
      stack.pop()
      expectValue = false
      continue
    }
    if (char === '{' || char === '[') {
      const container = char === '{' ? {} : []
      place(container)
      stack.push({ container, key: undefined })
      at++
      extent = at
      continue
    }
    if (char === '"') {
      const string = readString(text, at)
      place(string.value)
      extent = string.valueEnd
      if (!string.complete) break
      at = string.end
      expectValue = false
      continue
    }
    if (char === '-' || (char !== undefined && char >= '0' && char <= '9')) {
      let end = at
      while (end < text.length && '0123456789+-.eE'.includes(text[end] as string)) end++
      const token = text.slice(at, end)
      const valid = NUMBER.exec(token)?.[0]
      if (end >= text.length) {
        // The number may go on: keep what is valid of it so far ("1e" is 1 until its exponent comes).
        if (valid !== undefined) {
          place(Number(valid))
          extent = at + valid.length
        }
        break
      }
      if (valid !== token) break
      place(Number(token))
      at = end
      extent = end
      expectValue = false
      continue
    }
    const literal = LITERALS.find(([word]) => text.startsWith(word, at))
    if (literal === undefined) break
    place(literal[1])
    at += literal[0].length
    extent = at
    expectValue = false
  }
  return { value: root, extent }
}

function skipSpace(text: string, from: number): number {
  let at = from
  while (at < text.length) {
    const char = text[at]
    if (char !== ' ' && char !== '\n' && char !== '\r' && char !== '\t') break
    at++
  }
  return at
}

const ESCAPES: Record<string, string> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
}

/**
 * The string starting at the quote at `from`: its value so far, whether it closed, where it ended, and where
 * the last character of its value ended (before the closing quote, before a half-written escape).
 */
function readString(
  text: string,
  from: number,
): { value: string; complete: boolean; end: number; valueEnd: number } {
  let value = ''
  let at = from + 1
  let run = at
  while (at < text.length) {
    const char = text[at]
    if (char === '"') return { value: value + text.slice(run, at), complete: true, end: at + 1, valueEnd: at }
    if (char !== '\\') {
      at++
      continue
    }
    value += text.slice(run, at)
    const kind = text[at + 1]
    if (kind === undefined) return { value, complete: false, end: text.length, valueEnd: at }
    if (kind === 'u') {
      const hex = text.slice(at + 2, at + 6)
      // A half-written \u escape is left out until its four digits have come.
      if (hex.length < 4) return { value, complete: false, end: text.length, valueEnd: at }
      value += String.fromCharCode(Number.parseInt(hex, 16))
      at += 6
    } else {
      value += ESCAPES[kind] ?? kind
      at += 2
    }
    run = at
  }
  return { value: value + text.slice(run), complete: false, end: text.length, valueEnd: text.length }
}

// `JSON.parse` makes "__proto__" an own key; an assignment would set the prototype instead.
function setOwn(object: JsonObject, key: string, value: unknown): void {
  if (key === '__proto__') {
    Object.defineProperty(object, key, { value, writable: true, enumerable: true, configurable: true })
  } else {
    object[key] = value
  }
}
