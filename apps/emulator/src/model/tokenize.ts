/**
 * The emulator's tokenizer: one token per word or punctuation mark, each carrying the whitespace before it.
 * It is lossless (the tokens joined give the text back), so the prompt and the completion are counted by
 * the same rule and a streamed reply, one token per chunk, adds up to the non-streamed one.
 */
const TOKEN = /\s*(?:[\p{L}\p{N}_'’]+|[^\s\p{L}\p{N}_'’])|\s+$/gu

/** Splits text into tokens; `tokenize(t).join('') === t`. */
export function tokenize(text: string): string[] {
  return text.match(TOKEN) ?? []
}

/** How many tokens `text` is worth. */
export function countTokens(text: string): number {
  return tokenize(text).length
}
