import { inspect } from 'node:util'
import { type ChatError, ContentFilterError, toSSE } from '@chatwire/core'
import { createOpenAI } from '@chatwire/openai'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { startTestServer, type TestServer } from './test-server.js'

/** A key no pattern knows, so that only the client's own secrets can catch it. */
const KEY = 'zq7-stream-error-credential'
const ASK = { model: 'm', messages: [{ role: 'user' as const, content: 'hi' }] }
const CHUNK = `data: ${JSON.stringify({
  id: 'c',
  object: 'chat.completion.chunk',
  created: 1,
  model: 'm',
  choices: [{ index: 0, delta: { role: 'assistant', content: 'PARTIAL' } }],
})}\n\n`

let server: TestServer
beforeAll(async () => {
  server = await startTestServer()
})
afterAll(() => server.close())

it('an error the stream sends is redacted in every field, content-filter results included, and so is its relay', async () => {
  // A hostile (or careless) server echoes the key in every string of its in-stream error, keys included.
  const error = {
    code: 'content_filter',
    message: `filtered for ${KEY}`,
    content_filter_results: { hate: { filtered: true, note: `key ${KEY}` }, [KEY]: { filtered: false } },
  }
  server.handle((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/event-stream' })
    response.end(`${CHUNK}event: error\ndata: ${JSON.stringify({ error })}\n\n`)
  })
  const client = createOpenAI({ apiKey: KEY, baseURL: `${server.url}/v1`, maxRetries: 0 })
  const { outcome, text } = await client.stream(ASK).final()
  const failure = (outcome.type === 'error' ? outcome.error : undefined) as ChatError
  expect([failure?.constructor, text]).toEqual([ContentFilterError, 'PARTIAL'])
  expect((failure as ContentFilterError).results).toEqual({
    hate: { filtered: true, note: 'key [redacted]' },
    '[redacted]': { filtered: false },
  })
  expect(inspect(failure, { depth: 12 })).not.toContain(KEY)
  const relayed = await new Response(toSSE(client.stream(ASK))).text()
  expect(relayed).toContain('"note":"key [redacted]"')
  expect(relayed).not.toContain(KEY)
})
