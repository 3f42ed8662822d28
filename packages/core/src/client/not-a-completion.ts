import { MalformedStreamError, ResponseTooLargeError } from '../errors.js'

/** Why a 2xx reply to `complete()` is not a chat completion. */
export type NotACompletion =
  | 'event-stream'
  | 'too-large'
  | 'not-json'
  | 'not-object'
  | 'no-choices'
  | 'too-many-choices'
  | 'not-a-choice'
  | 'no-message'
  | 'bad-content'
  | 'bad-arguments'

/**
 * The error of a 2xx reply that is not a completion, loaded with the first one: a successful `complete()` never
 * needs it. No message quotes the body; `size` is the limit for `too-large`, the body's length for `not-json`;
 * `path` is where the fault is for the kinds about one choice (`choices[1]`, `choices[0].message.content`).
 */
export function notACompletion(
  why: NotACompletion,
  { status, headers }: Response,
  size = 0,
  path = '',
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
      return notAChatCompletion('it has no `choices` array', status)
    case 'too-many-choices':
      return notAChatCompletion(`it has more than ${size} choices (a stream's are capped alike)`, status)
    case 'not-a-choice':
      return notAChatCompletion(`the choice at \`${path}\` is not an object`, status)
    case 'no-message':
      return notAChatCompletion(`the choice at \`${path}\` has no message object`, status)
    case 'bad-content':
      return notAChatCompletion(`\`${path}\` is neither text nor parts`, status)
    case 'bad-arguments':
      return notAChatCompletion(
        `\`${path}\` is neither JSON text nor an object that can be written as JSON`,
        status,
      )
  }
}

function notAChatCompletion(why: string, status: number): MalformedStreamError {
  return new MalformedStreamError(`The reply is not a chat completion: ${why}`, { status })
}
