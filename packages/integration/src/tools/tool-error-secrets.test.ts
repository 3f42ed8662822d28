// A tool whose request failed may throw an error that quotes the credential it sent, which may be the chat
// client's own: the tool message the model is sent carries none of the client's credentials.
import { createAzureOpenAI } from '@chatwire/azure'
import { type ChatClient, runTools, tool } from '@chatwire/core'
import { useEmulator } from '@chatwire/emulator/testing'
import { createFetchClient } from '@chatwire/fetch'
import { createOpenAI } from '@chatwire/openai'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { z } from 'zod'

const emulator = useEmulator({ hooks: { beforeAll, afterAll, beforeEach } })

// Shaped like no known key format: only the client knows it is a credential.
const KEY = 'zz9Qx7PLANTEDkeyvalue'
const HEADER_KEY = 'hh4Wq2PLANTEDheadervalue'

const CLIENTS: [string, (url: string) => ChatClient][] = [
  ['OpenAI (apiKey)', (url) => createOpenAI({ apiKey: KEY, baseURL: `${url}/v1` })],
  [
    'Azure OpenAI (apiKey)',
    (url) => createAzureOpenAI({ endpoint: url, deployment: 'gpt-4o-mini', apiKey: KEY }),
  ],
  [
    'fetch (an authorization header)',
    (url) =>
      createFetchClient({ url: `${url}/v1/chat/completions`, headers: { authorization: `Bearer ${KEY}` } }),
  ],
]

/** A weather tool that throws an error quoting `secrets`, as a failed upstream call's error may. */
function leakyWeather(...secrets: string[]) {
  return tool({
    name: 'get_weather',
    parameters: z.object({ city: z.string() }),
    execute: () => {
      throw new Error(`upstream 401 for ${secrets.join(' and ')}`)
    },
  })
}

describe.each(CLIENTS)('runTools with %s', (_name, connect) => {
  it("keeps the client's credential out of a tool's error, in the messages and in the next request", async () => {
    const run = runTools(
      connect(emulator.current.url),
      { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'weather in Paris' }] },
      { tools: [leakyWeather(KEY, HEADER_KEY)], headers: { 'x-api-key': HEADER_KEY } },
    )
    const results: unknown[] = []
    for await (const event of run)
      if (event.type === 'tool.result') results.push(event.result.message.content)
    const { outcome, messages } = await run.final()
    expect(outcome.type).toBe('finished')
    const tool = messages.find((message) => message.role === 'tool')
    expect(tool?.content).toBe('Error from get_weather: upstream 401 for [redacted] and [redacted]')
    expect(results).toEqual([tool?.content])
    expect(emulator.current.requests).toHaveLength(2)
    expect(JSON.stringify(emulator.current.requests.map((request) => request.body))).not.toContain('PLANTED')
  })
})

it("takes out of a tool error what looks like a credential, the client's or not", async () => {
  const planted = 'sk-PLANTEDzz9Qx7secret4242'
  const { messages } = await runTools(
    createOpenAI({ apiKey: 'sk-test', baseURL: `${emulator.current.url}/v1` }),
    { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'weather in Paris' }] },
    { tools: [leakyWeather(`Authorization: Bearer ${planted}`)] },
  ).final()
  expect(messages.find((message) => message.role === 'tool')?.content).toBe(
    'Error from get_weather: upstream 401 for Authorization: Bearer [redacted]',
  )
})
