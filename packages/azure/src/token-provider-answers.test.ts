import { AuthenticationError } from '@chatwire/core'
import { type Emulator, startEmulator } from '@chatwire/emulator'
import { rejection } from '@chatwire/testkit'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { TokenProvider } from './azure-credential.js'
import { createAzureInference, createAzureOpenAI } from './create-azure.js'

const TOKEN = 'entra-answers-token-0123456789abcdef'
const ask = { messages: [{ role: 'user' as const, content: 'Hello there' }] }

let emulator: Emulator
beforeAll(async () => {
  emulator = await startEmulator({ port: 0, tokenDelayMs: 0, keys: [TOKEN] })
})
afterAll(() => emulator.close())
beforeEach(() => emulator.reset())

const clients = (getToken: TokenProvider) => [
  createAzureOpenAI({ endpoint: emulator.url, deployment: 'gpt-4o-mini', getToken, maxRetries: 0 }),
  createAzureInference({ endpoint: emulator.url, getToken, maxRetries: 0 }),
]

describe('a token provider whose answer is no usable token', () => {
  it.each<[string, TokenProvider]>([
    ['an empty string', () => ''],
    ['null', () => null],
    ['a number', () => 42 as never],
    ['a throw', () => Promise.reject(new Error('CredentialUnavailableError'))],
    ['a token with CR LF', () => `${TOKEN}\r\nx-evil: 1`],
    ['a token ending in LF', () => ({ token: `${TOKEN}\n` })],
    ['a token with NUL', () => `${TOKEN}\0`],
  ])('fails the call with an AuthenticationError before anything is sent: %s', async (_, getToken) => {
    for (const client of clients(getToken)) {
      const error = await rejection<AuthenticationError>(client.complete(ask))
      expect(error).toBeInstanceOf(AuthenticationError)
      const { outcome } = await client.stream(ask).final()
      expect(outcome.type === 'error' && outcome.error).toBeInstanceOf(AuthenticationError)
      for (const failure of [error, outcome.type === 'error' ? outcome.error : undefined]) {
        expect(JSON.stringify([failure?.message, failure?.stack, String(failure?.cause)])).not.toContain(
          TOKEN.slice(0, 12),
        )
      }
    }
    expect(emulator.requests).toHaveLength(0)
  })

  it('says a token with a line break cannot be sent, without quoting it', async () => {
    const [client] = clients(() => `${TOKEN}\r\nx-evil: 1`)
    const error = await rejection<AuthenticationError>(client?.complete(ask) as Promise<unknown>)
    expect(error.message).toBe(
      'azure-openai: getToken returned a token with a line break or NUL, which cannot be sent in a header (the token is not shown)',
    )
  })
})
