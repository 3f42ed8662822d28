import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { type ChatError, MalformedStreamError } from '@chatwire/core'
import { rejection } from '@chatwire/testkit'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { createFetchClient } from './create-fetch-client.js'

// A backend route that always streams (a relay with toSSEResponse), whatever the request asks for.
const server = createServer((request, response) => {
  request.resume()
  request.on('end', () => {
    response.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8' })
    response.write(
      'data: {"id":"c1","object":"chat.completion.chunk","created":1,"model":"m","choices":[]}\n\n',
    )
    // It never ends: complete() must not wait for it.
  })
})
let url = ''
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/chat`
})
afterAll(async () => {
  server.closeAllConnections()
  await new Promise((resolve) => server.close(resolve))
})

it('complete() against a route that only streams says so, and does not wait for the stream to end', async () => {
  const client = createFetchClient({ url })
  const error = await rejection<ChatError>(client.complete({ messages: [{ role: 'user', content: 'Hi' }] }))
  expect(error).toBeInstanceOf(MalformedStreamError)
  expect(error.message).toBe(
    'The reply is an event stream (text/event-stream), not a JSON completion: this route only streams; call stream() instead of complete()',
  )
  expect(error.status).toBe(200)
})
