import { afterAll, beforeAll } from 'vitest'
import { useEmulator as useTestEmulator } from '../harness/test-emulator.js'
import type { EmulatorOptions } from '../options.js'
import type { Emulator } from '../server.js'
import type { Json } from './sse.js'

/** Starts an emulator for the test file (no pacing, so streams are instant) and closes it afterwards. */
export function useEmulator(options: EmulatorOptions = {}): { readonly current: Emulator } {
  // The published helper, without its reset between tests: these tests reset when they mean to.
  return useTestEmulator({ ...options, hooks: { beforeAll, afterAll } })
}

export const OPENAI_KEY = { authorization: 'Bearer sk-test-key' }
export const AZURE_KEY = { 'api-key': 'azure-test-key' }

/** POSTs a JSON body and reads the whole reply. */
export async function post(
  emulator: Emulator,
  path: string,
  body: unknown,
  headers: Record<string, string> = OPENAI_KEY,
): Promise<{ status: number; headers: Headers; text: string; json: () => Json }> {
  const response = await fetch(`${emulator.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })
  const text = await response.text()
  return { status: response.status, headers: response.headers, text, json: () => JSON.parse(text) }
}

export async function get(
  emulator: Emulator,
  path: string,
  headers: Record<string, string> = OPENAI_KEY,
): Promise<{ status: number; headers: Headers; json: () => Json }> {
  const response = await fetch(`${emulator.url}${path}`, { headers })
  const text = await response.text()
  return { status: response.status, headers: response.headers, json: () => JSON.parse(text) }
}

/** A chat request with one user message. */
export function ask(content: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { model: 'gpt-4o-mini', messages: [{ role: 'user', content }], ...extra }
}

export const CHAT = '/v1/chat/completions'
export const AZURE_CHAT = '/openai/deployments/gpt-4o-mini/chat/completions?api-version=2024-10-21'
export const INFERENCE_CHAT = '/chat/completions?api-version=2025-05-01'
