import { afterEach, describe, expect, it } from 'vitest'
import { fault, faultHeaders } from './harness/fault-builders.js'
import { type Emulator, startEmulator } from './server.js'
import { AZURE_CHAT, ask, CHAT, INFERENCE_CHAT, post } from './testing/client.js'
import { coreClient, DIALECTS } from './testing/core-client.js'

// Every 4-character piece of it is rare enough never to appear by chance in a reply or a log line.
const PLANTED = 'pk-Zq9Xw7Vt3Ru5Yj8K'
const PIECES = Array.from({ length: PLANTED.length - 3 }, (_, at) => PLANTED.slice(at, at + 4))

let emulator: Emulator | undefined
afterEach(async () => {
  await emulator?.close()
  emulator = undefined
})

/** The pieces of the planted key that `text` holds: none, whatever the reply or the line. */
const fragmentsIn = (text: string) => PIECES.filter((piece) => text.includes(piece))

describe('a wrong key', () => {
  it('is never echoed, not even a fragment, in any reply or log line of any dialect', async () => {
    const lines: string[] = []
    const server = await startEmulator({
      port: 0,
      tokenDelayMs: 0,
      keys: ['sk-right'],
      log: (line) => lines.push(line),
    })
    emulator = server
    const sent = [
      [CHAT, { authorization: `Bearer ${PLANTED}` }],
      [AZURE_CHAT, { 'api-key': PLANTED }],
      [AZURE_CHAT, { authorization: `Bearer ${PLANTED}` }],
      [INFERENCE_CHAT, { 'api-key': PLANTED }],
    ] as const
    const replies = await Promise.all(
      sent.map(([path, headers]) => post(server, path, ask('Hi', { stream: true }), headers)),
    )
    expect(replies.map((reply) => reply.status)).toEqual([401, 401, 401, 401])
    for (const reply of replies) {
      expect(fragmentsIn(reply.text)).toEqual([])
      expect(fragmentsIn(JSON.stringify([...reply.headers]))).toEqual([])
    }
    await expect.poll(() => lines.length).toBe(4)
    expect(fragmentsIn(lines.join('\n'))).toEqual([])
    // The request records are a log a test reads: no fragment there either.
    expect(fragmentsIn(JSON.stringify(server.requests))).toEqual([])
    expect(replies[0]?.json().error.message).toMatch(/^Incorrect API key provided\. Send one of the keys/u)
  })

  it('is not echoed by the unauthorized faults either, nor by a client that sends it', async () => {
    const lines: string[] = []
    const server = await startEmulator({ port: 0, tokenDelayMs: 0, log: (line) => lines.push(line) })
    emulator = server
    for (const dialect of DIALECTS) {
      const client = coreClient(server, dialect, { apiKey: PLANTED, maxRetries: 0 })
      const messages = [{ role: 'user' as const, content: 'Hi' }]
      const refused = await client
        .complete({ messages }, { headers: faultHeaders('unauthorized') })
        .catch((error: unknown) => error as Error)
      const streamed = await client
        .stream({ messages }, { headers: faultHeaders(fault('error_event', { status: 401 })) })
        .final()
      for (const said of [refused, streamed.outcome]) {
        expect(fragmentsIn(JSON.stringify(said))).toEqual([])
        expect(fragmentsIn(String((said as Error).message))).toEqual([])
      }
      expect(refused).toMatchObject({ name: 'AuthenticationError', status: 401 })
    }
    await expect.poll(() => lines.length).toBe(6)
    expect(fragmentsIn(lines.join('\n'))).toEqual([])
    expect(fragmentsIn(JSON.stringify(server.requests))).toEqual([])
  })
})
