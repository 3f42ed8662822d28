import { describe, expect, it } from 'vitest'
import { AZURE_CHAT, AZURE_KEY, ask, CHAT, INFERENCE_CHAT, post, useEmulator } from './testing/client.js'
import { chunksOf } from './testing/sse.js'

const emulator = useEmulator()
const tools = [{ type: 'function', function: { name: 'get_weather', parameters: { type: 'object' } } }]

describe('identical requests', () => {
  it.each([
    ['openai', CHAT, undefined, 'gpt-4o-mini'],
    ['azure-openai', AZURE_CHAT, AZURE_KEY, undefined],
    ['model-inference', INFERENCE_CHAT, AZURE_KEY, undefined],
  ] as const)('get identical completions, streamed or not (%s)', async (_dialect, path, headers, model) => {
    for (const stream of [false, true]) {
      const body = { ...ask('weather in Oslo', { stream, tools, seed: 1 }), model }
      const [a, b] = [
        await post(emulator.current, path, body, headers),
        await post(emulator.current, path, body, headers),
      ]
      expect(a.status).toBe(200)
      expect(a.text).toBe(b.text)
      expect(a.headers.get('x-request-id')).not.toBe(b.headers.get('x-request-id'))
    }
  })

  it('get identical completions from two emulators started apart, but for created', async () => {
    const first = await post(emulator.current, CHAT, ask('Hello'))
    const { startEmulator } = await import('./server.js')
    const other = await startEmulator({ port: 0, tokenDelayMs: 0 })
    try {
      const second = await post(other, CHAT, ask('Hello'))
      const { created: _a, ...one } = first.json()
      const { created: _b, ...two } = second.json()
      expect(one).toEqual(two)
    } finally {
      await other.close()
    }
  })

  it('that differ get different ids', async () => {
    const ids = await Promise.all(
      ['Hello', 'Hello!'].map(async (text) => (await post(emulator.current, CHAT, ask(text))).json().id),
    )
    expect(new Set(ids).size).toBe(2)
    const streamed = chunksOf((await post(emulator.current, CHAT, ask('Hello', { stream: true }))).text)
    expect(new Set(streamed.map((chunk) => chunk.id)).size).toBe(1)
    expect(streamed[0]?.id).not.toBe(ids[0])
  })
})
