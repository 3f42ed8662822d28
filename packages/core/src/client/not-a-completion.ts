import { MalformedStreamError, ResponseTooLargeError } from '../errors.js'

/** Why a 2xx reply to `complete()` is not a chat completion. */
export type NotACompletion = 'event-stream' | 'too-large' | 'not-json' | 'not-object' | 'no-choices'

/**
 * The error of a 2xx reply that is not a completion, loaded with the first one: a successful `complete()` never
 * needs it. No message quotes the body; `size` is the limit for `too-large`, the body's length for `not-json`.
 */
export function notACompletion(
  why: NotACompletion,
  { status, headers }: Response,
  size = 0,
): MalformedStreamError | ResponseTooLargeError {
  switch (why) {
    case 'event-stream':
      return new MalformedStreamError(
        'The reply is an event stream (text/event-stream), not a JSON completion: this route only streams; ' +
          'call stream() instead of complete()',
        { status, headers },
      )
    case 'too-large':
      return new ResponseTooLargeError(
        `The reply is larger than maxResponseBytes (${size} bytes); it was not read further`,
        { status, headers, limit: size },
      )
    case 'not-json':
      return new MalformedStreamError(
        `The reply is not valid JSON (${size === 0 ? 'an empty body' : `${size} characters`})`,
        { status, headers },
      )
    case 'not-object':
      return new MalformedStreamError('The reply is not a JSON object', { status })
    case 'no-choices':
      return new MalformedStreamError(
        'The reply is not a chat completion: it has no `choices` array of choices',
        { status },
      )
  }
}
