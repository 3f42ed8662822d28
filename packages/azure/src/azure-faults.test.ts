import { type Emulator, startEmulator } from '@chatwire/emulator'
import { EMULATOR_FAULT_CASES, type FaultSuite, observeFault } from '@chatwire/testkit'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createAzureInference, createAzureOpenAI } from './create-azure.js'

// Every case holds on every Azure route as the table states it. Two Azure traits the table absorbs: the
// prompt-filter chunk that opens Azure OpenAI streams counts as a frame for `after=N` (the cut still falls
// inside the text, a prefix), and Model Inference always ends a stream with a usage chunk (no effect on text
// or outcome).

const KEY = 'azure-fault-key-0123456789'
let emulator: Emulator
const suites = new Map<string, FaultSuite>()

const request = (content: string) => ({ messages: [{ role: 'user', content }] })

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, tokenDelayMs: 0, keys: [KEY] })
  const served = { requests: () => emulator.requests.length, reset: () => emulator.reset(), request }
  const client = { endpoint: emulator.url, maxRetryDelay: 50 }
  suites.set('createAzureOpenAI', {
    ...served,
    client: createAzureOpenAI({ ...client, deployment: 'gpt-4o-mini', apiKey: KEY }),
  })
  suites.set('createAzureOpenAI (v1 surface)', {
    ...served,
    client: createAzureOpenAI({ ...client, deployment: 'gpt-4o-mini', surface: 'v1', apiKey: KEY }),
  })
  // A token asked for before every attempt must not change what retries and timeouts come to.
  suites.set('createAzureOpenAI (getToken)', {
    ...served,
    client: createAzureOpenAI({ ...client, deployment: 'gpt-4o-mini', getToken: async () => KEY }),
  })
  suites.set('createAzureInference', {
    ...served,
    client: createAzureInference({ ...client, apiKey: KEY }),
  })
})
afterAll(() => emulator.close())

describe.each([
  'createAzureOpenAI',
  'createAzureOpenAI (v1 surface)',
  'createAzureOpenAI (getToken)',
  'createAzureInference',
])('%s', (name) => {
  const suite = () => suites.get(name) as FaultSuite

  describe.each(EMULATOR_FAULT_CASES)('emulator fault $fault', (fault) => {
    it('complete() comes to the expected error or outcome', async () => {
      expect(await observeFault(suite(), fault, 'complete')).toEqual(fault.complete)
    })
    it('stream() comes to the expected error or outcome, keeping the partial text once', async () => {
      expect(await observeFault(suite(), fault, 'stream')).toEqual(fault.stream)
    })
  })
})
