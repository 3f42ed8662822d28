import { AbortError, type ChatResult } from '@chatwire/core'

/** The line printed after a reply (on stderr): how it ended and the tokens it took; never the reply's text. */
export function outcomeLine({ outcome, completion }: ChatResult): string {
  const usage = completion.usage
  const tokens = usage
    ? ` · ${usage.prompt_tokens} prompt + ${usage.completion_tokens} completion tokens`
    : ''
  switch (outcome.type) {
    case 'length':
      return `[length: the answer reached its token limit${tokens}]`
    case 'content_filter':
      return `[content_filter: the service filtered the answer${tokens}]`
    case 'incomplete':
      return `[incomplete: the stream ended before the service finished${tokens}]`
    case 'error':
      if (outcome.error instanceof AbortError) return `[stopped${tokens}]`
      return `error (${outcome.error.name}): ${outcome.error.message}`
    case 'other':
      return `[${outcome.finishReason}${tokens}]`
    default:
      return `[${outcome.type}${tokens}]`
  }
}
