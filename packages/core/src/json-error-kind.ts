/**
 * What went wrong in a `JSON.parse`, without the text: engines quote the offending input in their messages
 * ("Unexpected token 'x', "xyz…" is not valid JSON"), and that input may be the user's words or the model's.
 * Only the kind of fault and its position are kept.
 */
export function jsonErrorKind(error: unknown): string {
  const message = error instanceof Error ? error.message : ''
  const at = /position (\d+)/.exec(message)?.[1]
  const where = at === undefined ? '' : ` at position ${at}`
  if (/end of (?:JSON )?input|unterminated/i.test(message)) return `unexpected end of input${where}`
  if (/after JSON/i.test(message)) return `unexpected data after the JSON value${where}`
  return `syntax error${where}`
}
