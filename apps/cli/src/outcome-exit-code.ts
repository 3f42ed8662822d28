import { AbortError, type Outcome } from '@chatwire/core'
import { EXIT } from './exit-codes.js'

/** The exit code of a reply that ended with `outcome`. */
export function exitCodeOf(outcome: Outcome): number {
  switch (outcome.type) {
    case 'length':
    case 'content_filter':
      return EXIT.cut
    case 'incomplete':
      return EXIT.failed
    case 'error':
      return outcome.error instanceof AbortError ? EXIT.interrupted : EXIT.failed
    default:
      return EXIT.ok
  }
}
