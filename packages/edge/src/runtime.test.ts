import { describe, expect, it } from 'vitest'

// The tests run in the edge VM: its own globals, `EdgeRuntime` among them. (vitest keeps `process` and
// `Buffer` there for its runner, so "no Node built-ins in the packages' source" is biome's rule to enforce.)
describe('the edge runtime', () => {
  it('runs the tests with the web platform of @edge-runtime/vm', () => {
    expect(typeof fetch).toBe('function')
    expect(typeof ReadableStream).toBe('function')
    expect(typeof TextDecoderStream).toBe('function')
    expect(typeof (globalThis as { EdgeRuntime?: unknown }).EdgeRuntime).toBe('string')
  })
})
