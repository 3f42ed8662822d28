import type { ChatEndpoint } from '@chatwire/core'

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
