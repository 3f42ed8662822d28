import { describe, expect, it } from 'vitest'
import { decodeSSE } from '../decode-sse.js'
import { errorFromBody } from '../error-from-body.js'
import {
  AbortError,
  AuthenticationError,
  ChatError,
  ConnectionError,
  ContentFilterError,
  IncompleteStreamError,
  MalformedStreamError,
  RateLimitError,
  ServerError,
  TimeoutError,
} from '../errors.js'
import { readChunks } from '../read-chunks.js'
import { createFrameWriter } from './sse-frames.js'

/** What the far side of a relay reads from one error frame: the error `readChunks` throws. */
async function relay(error: ChatError): Promise<ChatError> {
  const bytes = createFrameWriter().error(error)
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(bytes)
      controller.close()
    },
  })
  try {
    for await (const _chunk of readChunks(decodeSSE(body)))
      expect.unreachable('an error frame holds no chunk')
  } catch (caught) {
    return caught as ChatError
  }
  throw new Error('the frame did not end in an error')
}

describe('the error frame of a relayed stream', () => {
  it.each([
    new ConnectionError('The connection was lost while reading the reply'),
    new TimeoutError('The reply from openai stalled: nothing arrived for 150 ms (idleTimeout)'),
    new MalformedStreamError('A data frame is not valid JSON (42 characters)'),
    new IncompleteStreamError('The stream ended without [DONE]'),
    new AbortError('The request to openai was aborted (leaving)', { reason: 'leaving' }),
  ])('gives back $name, which no status tells apart, with its words and request id', async (sent) => {
    Object.assign(sent, { requestId: 'req-7' })
    const received = await relay(sent)
    expect(received).toBeInstanceOf(sent.constructor)
    expect(received).toMatchObject({
      name: sent.name,
      message: sent.message,
      requestId: 'req-7',
      status: undefined,
    })
  })

  it.each([
    errorFromBody(401, { error: { message: 'Incorrect API key provided', code: 'invalid_api_key' } }),
    errorFromBody(429, { error: { message: 'Slow down', type: 'requests' } }),
    errorFromBody(503, { error: { message: 'Overloaded', type: 'server_error' } }),
  ])('gives back $name by its status, with the same message (the status said once)', async (sent) => {
    const received = await relay(sent)
    expect(received).toBeInstanceOf(sent.constructor)
    expect(received).toMatchObject({
      message: sent.message,
      status: sent.status,
      code: sent.code,
      type: sent.type,
    })
    expect(received.message).toMatch(/^\d{3} [A-Z][a-z]+.*: [A-Z]/)
    expect(received.message.match(/\d{3} /g)).toHaveLength(1)
  })

  it('keeps the bad field of an InvalidRequestError and the verdicts of a ContentFilterError', async () => {
    const invalid = errorFromBody(400, { error: { message: 'Invalid temperature', param: 'temperature' } })
    expect(await relay(invalid)).toMatchObject({
      name: 'InvalidRequestError',
      path: 'temperature',
      status: 400,
    })
    const results = { violence: { filtered: true, severity: 'high' } }
    const filtered = errorFromBody(400, {
      error: { code: 'content_filter', message: 'Filtered', innererror: { content_filter_result: results } },
    })
    const received = await relay(filtered)
    expect(received).toBeInstanceOf(ContentFilterError)
    expect((received as ContentFilterError).results).toEqual(results)
  })

  it('writes nothing but the listed fields: no headers, no partial, no cause', () => {
    const sent = new ServerError('500 Internal Server Error: boom', {
      status: 500,
      headers: new Headers({ 'set-cookie': 'session=secret' }),
      cause: new Error('socket details'),
    })
    const text = new TextDecoder().decode(createFrameWriter().error(sent))
    expect(text.startsWith('event: error\ndata: ')).toBe(true)
    expect(text).not.toMatch(/secret|socket details/)
  })
})

describe('errorFromBody and a relayed class name', () => {
  it('ignores a name that is not a relayed class, an inherited one, or any name when an HTTP status decides', () => {
    const named = (name: string) => ({ error: { message: 'x', chatwire_error: name } })
    expect(errorFromBody(undefined, named('constructor'))).toBeInstanceOf(ChatError)
    expect(errorFromBody(undefined, named('constructor')).constructor).toBe(ChatError)
    expect(errorFromBody(undefined, named('ResponseTooLargeError')).constructor).toBe(ChatError)
    expect(errorFromBody(401, named('TimeoutError'))).toBeInstanceOf(AuthenticationError)
    expect(
      errorFromBody(undefined, { error: { message: 'x', status: 429, chatwire_error: 'RateLimitError' } }),
    ).toBeInstanceOf(RateLimitError)
  })
})
