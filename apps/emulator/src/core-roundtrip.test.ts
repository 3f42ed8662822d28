import { accumulate, decodeSSE, readChunks } from '@chatwire/core'
import { describe, expect, it } from 'vitest'
import {
  AZURE_CHAT,
  AZURE_KEY,
  ask,
  CHAT,
  INFERENCE_CHAT,
  OPENAI_KEY,
  useEmulator,
} from './testing/client.js'

const emulator = useEmulator()

const weatherTool = {
  type: 'function',
  function: {
    name: 'get_weather',
    parameters: { type: 'object', properties: { location: { type: 'string' } } },
  },
}

const CASES = [
  { dialect: 'openai', path: CHAT, headers: OPENAI_KEY, model: 'gpt-4o-mini' },
  { dialect: 'azure-openai', path: AZURE_CHAT, headers: AZURE_KEY, model: undefined },
  {
    dialect: 'model-inference',
    path: INFERENCE_CHAT,
    headers: { ...AZURE_KEY, 'extra-parameters': 'pass-through' },
    model: undefined,
  },
] as const

async function call(path: string, headers: Record<string, string>, body: unknown): Promise<Response> {
  return fetch(`${emulator.current.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  })
}

describe.each(CASES)(
  "$dialect streams that core's decoder and accumulator rebuild",
  ({ path, headers, model }) => {
    const options = { model, stream_options: { include_usage: true } }
    const requests = {
      text: ask('Round trip, please', { ...options, n: 2 }),
      tools: ask('weather in Paris and Tokyo', { ...options, tools: [weatherTool] }),
      reasoning: ask('Think first', { ...options, reasoning_effort: 'low' }),
    }

    it.each(Object.entries(requests))(
      '%s: the streamed reply accumulates to the non-streamed one',
      async (_name, request) => {
        const whole = await (await call(path, headers, request)).json()
        const streamed = await call(path, headers, { ...request, stream: true })
        const rebuilt = await accumulate(readChunks(decodeSSE(streamed.body as ReadableStream<Uint8Array>)))
        const essentials = (completion: typeof whole) =>
          completion.choices.map((choice: typeof whole) => ({
            index: choice.index,
            finish_reason: choice.finish_reason,
            content: choice.message.content || null,
            reasoning: choice.message.reasoning_content ?? null,
            tool_calls: (choice.message.tool_calls ?? []).map((call: typeof whole) => call.function),
          }))
        expect(essentials(rebuilt)).toEqual(essentials(whole))
        expect(rebuilt.usage).toEqual(whole.usage)
      },
    )
  },
)
