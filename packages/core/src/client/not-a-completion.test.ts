import { describe, expect, it } from 'vitest'
import { MalformedStreamError, ResponseTooLargeError } from '../errors.js'
import { type NotACompletion, notACompletion } from './not-a-completion.js'

const reply = () => new Response('{}', { status: 200, headers: { 'x-request-id': 'req-1' } })

describe('notACompletion', () => {
  it('says a stream-only route streams, with the status and headers', () => {
    const response = reply()
    const error = notACompletion('event-stream', response)
    expect(error).toBeInstanceOf(MalformedStreamError)
    expect(error.message).toBe(
      'The reply is an event stream (text/event-stream), not a JSON completion: this route only streams; ' +
        'call stream() instead of complete()',
    )
    expect([error.status, error.headers]).toEqual([200, response.headers])
  })

  it('names the limit of a reply too large, as a ResponseTooLargeError', () => {
    const error = notACompletion('too-large', reply(), 1024)
    expect(error).toBeInstanceOf(ResponseTooLargeError)
    expect(error).toMatchObject({
      message: 'The reply is larger than maxResponseBytes (1024 bytes); it was not read further',
      limit: 1024,
      status: 200,
    })
  })

  it('gives the length of a body that is not JSON, never the body; an empty one says so', () => {
    expect(notACompletion('not-json', reply(), 42).message).toBe(
      'The reply is not valid JSON (42 characters)',
    )
    expect(notACompletion('not-json', reply(), 0).message).toBe('The reply is not valid JSON (an empty body)')
  })

  it('tells a JSON value that is not an object from an object without choices; neither keeps the headers', () => {
    const notObject = notACompletion('not-object', reply())
    const noChoices = notACompletion('no-choices', reply())
    expect(notObject.message).toBe('The reply is not a JSON object')
    expect(noChoices.message).toBe('The reply is not a chat completion: it has no `choices` array')
    for (const error of [notObject, noChoices]) {
      expect(error).toBeInstanceOf(MalformedStreamError)
      expect([error.status, error.headers]).toEqual([200, undefined])
    }
  })
  it.each<[NotACompletion, string, string]>([
    ['not-a-choice', 'choices[1]', 'the choice at `choices[1]` is not an object'],
    ['no-message', 'choices[0]', 'the choice at `choices[0]` has no message object'],
    ['bad-content', 'choices[0].message.content', '`choices[0].message.content` is neither text nor parts'],
    [
      'bad-arguments',
      'choices[0].message.tool_calls[2].function.arguments',
      '`choices[0].message.tool_calls[2].function.arguments` is neither JSON text nor an object that can be written as JSON',
    ],
  ])('names where a choice is wrong (%s), with the status only', (why, path, message) => {
    const error = notACompletion(why, reply(), 0, path)
    expect(error).toBeInstanceOf(MalformedStreamError)
    expect(error.message).toBe(`The reply is not a chat completion: ${message}`)
    expect([error.status, error.headers]).toEqual([200, undefined])
  })
})
