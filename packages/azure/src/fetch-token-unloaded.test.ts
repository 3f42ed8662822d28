import { ChatError } from '@chatwire/core'
import { type Emulator, startEmulator } from '@chatwire/emulator'
import { rejection } from '@chatwire/testkit'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { createAzureOpenAI } from './create-azure.js'

// Asking a token provider is a lazy chunk of an app's bundle, which may fail to load (a new deploy, the network
// gone).
vi.mock('./fetch-token.js', () => {
  throw new TypeError('Failed to fetch dynamically imported module')
})

const KEY = 'azure-unloaded-key-0123456789ab'
const TOKEN = 'entra-unloaded-token-0123456789'
const ask = { messages: [{ role: 'user' as const, content: 'Hello there' }] }

let emulator: Emulator
beforeAll(async () => {
  emulator = await startEmulator({ port: 0, tokenDelayMs: 0, keys: [KEY, TOKEN] })
})
afterAll(() => emulator.close())

describe('a token provider whose calling code does not load', () => {
  it('fails the call with a ChatError that says so, before anything is sent; a key still works', async () => {
    const asked: unknown[] = []
    const client = createAzureOpenAI({
      endpoint: emulator.url,
      deployment: 'gpt-4o-mini',
      getToken: (request) => {
        asked.push(request)
        return TOKEN
      },
    })
    const error = await rejection<ChatError>(client.complete(ask))
    expect(error.constructor).toBe(ChatError)
    expect(error.message).toMatch(/^azure-openai could not prepare the request: /)
    const { outcome } = await client.stream(ask).final()
    expect(outcome.type === 'error' && outcome.error.message).toMatch(
      /^azure-openai could not prepare the request: /,
    )
    expect({ asked, requests: emulator.requests.length }).toEqual({ asked: [], requests: 0 })
    const keyed = createAzureOpenAI({ endpoint: emulator.url, deployment: 'gpt-4o-mini', apiKey: KEY })
    expect((await keyed.complete(ask)).outcome.type).toBe('stop')
  })
})
