import { type Emulator, startEmulator } from '@chatwire/emulator'
import { EMULATOR_FAULT_CASES, type FaultSuite, observeFault } from '@chatwire/testkit'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createFetchClient } from './create-fetch-client.js'

let emulator: Emulator
let suite: FaultSuite

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, tokenDelayMs: 0 })
  suite = {
    client: createFetchClient({
      url: `${emulator.url}/v1/chat/completions`,
      headers: { authorization: 'Bearer sess_0123456789abcdef' },
      maxRetryDelay: 50,
    }),
    request: (content) => ({ model: 'gpt-4o-mini', messages: [{ role: 'user', content }] }),
    requests: () => emulator.requests.length,
    reset: () => emulator.reset(),
  }
})
afterAll(() => emulator.close())

describe.each(EMULATOR_FAULT_CASES)('fetch, emulator fault $fault', (fault) => {
  it('complete() comes to the expected error or outcome', async () => {
    expect(await observeFault(suite, fault, 'complete')).toEqual(fault.complete)
  })
  it('stream() comes to the expected error or outcome, keeping the partial text once', async () => {
    expect(await observeFault(suite, fault, 'stream')).toEqual(fault.stream)
  })
})
