// Names a client sent (a model, a deployment, a field, a header's value, a fault) are quoted back in errors, as
// the real services do, only when short and plain: a longer one, or one of other characters, may be a chat's
// text or a key pasted in the wrong place, and it would end up in the app's error messages and logs.

const QUOTABLE = /^[A-Za-z0-9_.:/@+-]{1,64}$/u

/** Whether `name` may be quoted back in an error. */
export function quotable(name: string): boolean {
  return QUOTABLE.test(name)
}

/** `name` as `quote` writes it when {@link quotable}, else `unnamed`. */
export function quoteOr(name: string, quote: (name: string) => string, unnamed: string): string {
  return quotable(name) ? quote(name) : unnamed
}

/** Names for a list in an error: the quotable ones as `quote` writes them, then how many others there were. */
export function quotedList(names: readonly string[], quote: (name: string) => string): string {
  const shown = names.filter(quotable).map(quote)
  const hidden = names.length - shown.length
  if (hidden > 0) shown.push(`${hidden} more whose ${hidden === 1 ? 'name is' : 'names are'} not shown`)
  return shown.join(', ')
}
