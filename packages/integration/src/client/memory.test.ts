import {
  type ChatEndpoint,
  type ChatError,
  type ChatRequest,
  createChatClient,
  InvalidRequestError,
  ResponseTooLargeError,
  ServerError,
} from '@chatwire/core'
import { rejection } from '@chatwire/testkit'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sendEndlessBody, sendGzipBomb } from './hostile-bodies.js'
import { startTestServer, type TestServer } from './test-server.js'

let server: TestServer
beforeAll(async () => {
  server = await startTestServer()
})
afterAll(() => server.close())

const hello: ChatRequest = { model: 'm', messages: [{ role: 'user', content: 'Hi' }] }
const endpoint: ChatEndpoint = {
  name: 'hostile',
  prepare: (request) => ({ url: `${server.url}/v1/chat/completions`, headers: {}, body: request }),
}
const client = createChatClient(endpoint, { maxRetries: 0 })

describe('every body read is capped while it is read, after decompression', () => {
  it('stops a gzip bomb of a reply at 64 MiB by default with a typed error', async () => {
    server.handle((_request, response) => sendGzipBomb(response, 200))
    const error = await rejection<ChatError>(client.complete(hello))
    expect(error).toBeInstanceOf(ResponseTooLargeError)
    expect(error).toMatchObject({
      status: 200,
      limit: 64 * 1024 * 1024,
      message: 'The reply is larger than maxResponseBytes (67108864 bytes); it was not read further',
    })
  }, 30_000)

  it('stops an endless reply at the configured maxResponseBytes', async () => {
    server.handle((_request, response) => sendEndlessBody(response, 200))
    const error = await rejection<ChatError>(client.complete(hello, { maxResponseBytes: 1024 * 1024 }))
    expect(error).toMatchObject({ name: 'ResponseTooLargeError', limit: 1024 * 1024 })
  })

  it('reads at most 1 MiB of an error body, and still gives the error of its status', async () => {
    server.handle((_request, response) => sendGzipBomb(response, 500))
    const bomb = await rejection<ChatError>(client.complete(hello))
    expect(bomb).toBeInstanceOf(ServerError)
    expect(bomb.status).toBe(500)
    server.handle((_request, response) => sendEndlessBody(response, 400))
    const { outcome } = await client.stream(hello).final()
    expect(outcome.type === 'error' && outcome.error).toBeInstanceOf(InvalidRequestError)
    expect(outcome).toMatchObject({ type: 'error', error: { status: 400 } })
  }, 30_000)
})
