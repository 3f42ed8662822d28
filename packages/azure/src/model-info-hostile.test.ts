import { createServer, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { inspect } from 'node:util'
import { gzipSync } from 'node:zlib'
import {
  AbortError,
  AuthenticationError,
  type ChatError,
  ResponseTooLargeError,
  TimeoutError,
} from '@chatwire/core'
import { rejection } from '@chatwire/testkit'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { azureInferenceEndpoint } from './azure-inference-endpoint.js'
import { createAzureInference } from './create-azure.js'

const KEY = '0123456789abcdef0123456789abcdef'
let answer: (response: ServerResponse) => void = (response) => response.end()
const server = createServer((request, response) => {
  request.resume()
  request.on('end', () => answer(response))
})
let base = ''
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(async () => {
  server.closeAllConnections()
  await new Promise((resolve) => server.close(resolve))
})

describe('getModelInfo against a hostile server', () => {
  it('stops a gzip bomb at its cap with a typed error', async () => {
    const member = gzipSync(Buffer.alloc(16 * 1024 * 1024))
    answer = (response) => {
      response.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' })
      for (let i = 0; i < 8; i++) response.write(member)
      response.end()
    }
    const error = await rejection<ChatError>(
      azureInferenceEndpoint({ endpoint: base, apiKey: KEY }).getModelInfo(),
    )
    expect(error).toBeInstanceOf(ResponseTooLargeError)
    expect(error).toMatchObject({ limit: 1024 * 1024, status: 200 })
  })

  it('settles on abort even when the fetch in use ignores its signal', async () => {
    const controller = new AbortController()
    const pending = azureInferenceEndpoint({ endpoint: base, apiKey: KEY }).getModelInfo({
      fetch: () => new Promise<Response>(() => {}),
      signal: controller.signal,
    })
    controller.abort('left')
    const error = await rejection<ChatError>(pending)
    expect(error).toBeInstanceOf(AbortError)
    expect((error as AbortError).reason).toBe('left')
  })

  it('is as clean as complete(): no part of the key in any field, a tab or a cut at 500 characters included', async () => {
    const spaced = `  ${KEY}\t`
    answer = (response) => {
      response.writeHead(401, { 'content-type': 'application/json', 'x-echo': KEY })
      const message = `${'x'.repeat(480)} key ${KEY} is wrong`
      response.end(JSON.stringify({ error: { code: KEY, message } }))
    }
    const error = await rejection<ChatError>(
      azureInferenceEndpoint({ endpoint: base, apiKey: spaced }).getModelInfo(),
    )
    expect(error).toBeInstanceOf(AuthenticationError)
    const everything = [error.message, error.stack, JSON.stringify(error), inspect(error, { depth: 5 })].join(
      '\n',
    )
    for (const part of [KEY, KEY.slice(0, 8)]) expect(everything).not.toContain(part)
  })

  it('gives up on a server that never answers, or stalls in its body, after `timeout`', async () => {
    const stalls: ((response: ServerResponse) => void)[] = [
      () => {},
      (response) => {
        response.writeHead(200, { 'content-type': 'application/json' })
        response.write('{"model_name": ')
      },
    ]
    for (const stall of stalls) {
      answer = stall
      const error = await rejection<ChatError>(
        azureInferenceEndpoint({ endpoint: base, apiKey: KEY }).getModelInfo({ timeout: 100 }),
      )
      expect(error).toBeInstanceOf(TimeoutError)
      expect(error).toMatchObject({
        option: 'timeout',
        message: 'azure-inference: no complete reply to GET /info within 100 ms (timeout)',
      })
    }
  })

  it("takes the client's timeout, and refuses one that is not a number ≥ 0", async () => {
    answer = () => {}
    const client = createAzureInference({ endpoint: base, apiKey: KEY, timeout: 100 })
    expect(await rejection<ChatError>(client.getModelInfo())).toMatchObject({ option: 'timeout' })
    const endpoint = azureInferenceEndpoint({ endpoint: base, apiKey: KEY })
    for (const timeout of [-1, Number.NaN, '100']) {
      const error = await rejection<Error>(endpoint.getModelInfo({ timeout: timeout as number }))
      expect(error).toBeInstanceOf(RangeError)
      expect(error.message).toMatch(
        /^azure-inference: timeout must be a number ≥ 0 ms \(0 or Infinity for no limit\), got /,
      )
    }
    // Longer than a runtime's timer keeps (it would fire at once): refused, as the client refuses it.
    const long = await rejection<Error>(endpoint.getModelInfo({ timeout: 3e9 }))
    expect(long).toBeInstanceOf(RangeError)
    expect(long.message).toMatch(/^azure-inference: timeout must be at most 2147483647 ms/)
  })
})
