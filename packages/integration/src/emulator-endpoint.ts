import type { ChatEndpoint, ChatRequest } from '@chatwire/core'

/**
 * The bare endpoint of core's tests: the emulator's OpenAI route with a bearer key, no adapter in between.
 * `url` is read at each attempt, so a test file can start its emulator in `beforeAll`.
 */
export function emulatorEndpoint(url: () => string, apiKey = 'sk-test'): ChatEndpoint {
  return {
    name: 'emulator',
    prepare: (body) => ({
      url: `${url()}/v1/chat/completions`,
      headers: { authorization: `Bearer ${apiKey}` },
      body,
    }),
  }
}

/** A one-message request to the emulator's default model, with any other fields. */
export const ask = (content: string, extra: Partial<ChatRequest> = {}): ChatRequest => ({
  model: 'gpt-4o-mini',
  messages: [{ role: 'user', content }],
  ...extra,
})

/** A function tool the emulator's scripted model calls when asked about the weather. */
export const weatherTool = {
  type: 'function' as const,
  function: {
    name: 'get_weather',
    parameters: { type: 'object', properties: { location: { type: 'string' } }, required: ['location'] },
  },
}
