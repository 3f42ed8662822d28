/** How many strings, keys and numbers of the value an issue's message is cleaned of at most. */
const MAX_QUOTABLE = 256
/** A string shorter than this, without a digit, is taken out only where it is quoted: see `isBareQuotable`. */
const MIN_BARE_LENGTH = 8

/**
 * A schema library's issue message with every place that quotes the value it is about replaced by what that
 * value is (`a string`, `a number`, `a key`). Libraries quote what they rejected (valibot `… but received
 * "happy!"`, zod 3 `received 'happy!'`, arktype `(was "happy!")`), and that value is the model's output or a
 * tool's arguments, which no error message may carry. `value` is what the issue's path leads to in the input;
 * its strings, object keys and numbers are searched for, the longest first, at most {@link MAX_QUOTABLE}.
 */
export function unquotedIssueMessage(message: string, value: unknown): string {
  const quotable = new Map<string, string>()
  collect(value, quotable)
  let output = message
  for (const [text, description] of [...quotable].sort(([a], [b]) => b.length - a.length)) {
    const escaped = JSON.stringify(text)
    if (!output.includes(text) && !output.includes(escaped.slice(1, -1))) continue
    for (const quoted of new Set([escaped, `"${text}"`, `'${text}'`, `\`${text}\``])) {
      output = output.split(quoted).join(description)
    }
    if (isBareQuotable(text, description)) output = output.replace(standingAlone(text), description)
  }
  return output
}

/** What the issue's path leads to in `input`, as far as it goes: the nearest value that has the path's start. */
export function valueAtPath(input: unknown, keys: readonly unknown[]): unknown {
  let value = input
  for (const key of keys) {
    if (typeof value !== 'object' || value === null || !Object.hasOwn(value, key as PropertyKey)) break
    value = (value as Record<PropertyKey, unknown>)[key as PropertyKey]
  }
  return value
}

function collect(value: unknown, into: Map<string, string>): void {
  if (into.size >= MAX_QUOTABLE) return
  if (typeof value === 'string') {
    if (value !== '') into.set(value, 'a string')
  } else if (typeof value === 'number' || typeof value === 'bigint') {
    into.set(String(value), 'a number')
  } else if (Array.isArray(value)) {
    for (const item of value) collect(item, into)
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      if (into.size >= MAX_QUOTABLE) return
      if (key !== '' && !into.has(key)) into.set(key, 'a key')
      collect(item, into)
    }
  }
}

// Libraries quote strings, so a short word is taken out only where it is quoted: unquoted, it may be a word of
// the message itself (`number` in "Expected number"). Numbers stand bare (`received 30`), and so may a long
// string or one with a digit in a message a schema's author wrote.
function isBareQuotable(text: string, description: string): boolean {
  return description === 'a number' || text.length >= MIN_BARE_LENGTH || /\d/.test(text)
}

/** Every place where `text` is not part of a longer word or number. */
function standingAlone(text: string): RegExp {
  const escaped = text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')
  return new RegExp(`(?<![\\w.])${escaped}(?![\\w]|\\.\\d)`, 'g')
}
