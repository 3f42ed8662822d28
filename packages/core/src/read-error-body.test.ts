import { describe, expect, it } from 'vitest'
import { type ErrorDetails, readErrorBody } from './read-error-body.js'

const nothing: ErrorDetails = {
  message: undefined,
  code: undefined,
  type: undefined,
  status: undefined,
  issues: [],
  filterResults: undefined,
  requestId: undefined,
  relayedAs: undefined,
  filtered: false,
  form: 'object',
}

describe('readErrorBody', () => {
  it.each<[string, unknown, ErrorDetails]>([
    ['nothing from undefined', undefined, { ...nothing, form: 'empty' }],
    ['nothing from blank text', '  \n', { ...nothing, form: 'empty' }],
    ['nothing from a number', 42, { ...nothing, form: 'unparseable' }],
    ['nothing from an array', [{ message: 'x' }], { ...nothing, form: 'unparseable' }],
    ['nothing from cut-off JSON text', '{"error": {"mess', { ...nothing, form: 'unparseable' }],
    ['no text from an HTML page', '<html><body><h1>502</h1></body></html>', { ...nothing, form: 'html' }],
    [
      'the first line of plain text',
      'Bad gateway\nnginx/1.25',
      { ...nothing, message: 'Bad gateway', form: 'text' },
    ],
    [
      'a numeric code as text',
      { error: { message: 'Busy', code: 503 } },
      { ...nothing, message: 'Busy', code: '503' },
    ],
    [
      'a status written as text',
      { status: '429', message: 'Slow' },
      { ...nothing, message: 'Slow', status: 429 },
    ],
    ['no status from a word', { status: 'error', message: 'Oops' }, { ...nothing, message: 'Oops' }],
    [
      'the message of an object body given as JSON text',
      ' {"statusCode": 401, "message": "Access denied"} ',
      { ...nothing, message: 'Access denied', status: 401 },
    ],
    [
      'a loc given under query, without the location',
      { detail: [{ loc: ['query', 'api-version'], msg: 'Field required' }] },
      {
        ...nothing,
        message: 'api-version: Field required',
        issues: [{ path: 'api-version', message: 'Field required' }],
      },
    ],
    [
      'a list of messages under message, before the error word (NestJS)',
      {
        statusCode: 400,
        message: ['messages must be an array', 42, 'model should not be empty'],
        error: 'Bad',
      },
      { ...nothing, message: 'messages must be an array; model should not be empty', status: 400 },
    ],
    [
      'a FastAPI list under error as issues',
      { error: [{ loc: ['body', 'n'], msg: 'Input should be 1' }] },
      { ...nothing, message: 'n: Input should be 1', issues: [{ path: 'n', message: 'Input should be 1' }] },
    ],
    [
      'no HTML from a list of messages',
      { error: ['<html><body>502</body></html>', 'Bad gateway'] },
      { ...nothing, message: 'Bad gateway' },
    ],
    [
      'no input value of a detail entry, which echoes what was sent',
      {
        message: {
          detail: [{ loc: ['body', 'messages', 0, 'content'], msg: 'Too long', input: 'secret text' }],
        },
      },
      {
        ...nothing,
        message: 'messages[0].content: Too long',
        issues: [{ path: 'messages[0].content', message: 'Too long' }],
      },
    ],
  ])('reads %s', (_, body, expected) => {
    expect(readErrorBody(body)).toEqual(expected)
  })
})

describe('readErrorBody of a body naming a field in both `param` and `detail` (a relayed frame)', () => {
  it('gives each field once, with the detail message, in the detail order', () => {
    const body = {
      error: {
        message: 'Invalid request: messages[0].role: bad role (and 1 more)',
        param: 'messages[0].role',
        detail: [
          { loc: ['messages[0].role'], msg: 'bad role' },
          { loc: ['temperature'], msg: 'at most 2' },
        ],
      },
    }
    expect(readErrorBody(body).issues).toEqual([
      { path: 'messages[0].role', message: 'bad role' },
      { path: 'temperature', message: 'at most 2' },
    ])
  })
})
