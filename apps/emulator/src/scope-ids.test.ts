import { afterAll, describe, expect, it } from 'vitest'
import { startEmulator } from './server.js'

const emulator = await startEmulator({ port: 0, tokenDelayMs: 0 })
afterAll(() => emulator.close())

async function ask(headers: Record<string, string>): Promise<number> {
  const response = await fetch(`${emulator.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer sk-local', ...headers },
    body: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }] }),
  })
  await response.arrayBuffer()
  return response.status
}

describe('scope ids', () => {
  it('made up are never one a test named itself, so two tests never share records', async () => {
    const named = emulator.scope({ id: 'scope-2' })
    const made = [emulator.scope(), emulator.scope(), emulator.scope()]
    expect(made.map((scope) => scope.id)).toEqual(['scope-1', 'scope-3', 'scope-4'])
    await ask(named.headers)
    expect(made.map((scope) => scope.requests.length)).toEqual([0, 0, 0])
    expect(named.requests).toHaveLength(1)
  })

  it('named again give the same scope: its records, and its reply unless a new one is given', async () => {
    const first = emulator.scope({ id: 'shared', reply: 'first' })
    await ask(first.headers)
    const again = emulator.scope({ id: 'shared' })
    await ask(again.headers)
    expect(again.requests.map((record) => record.scope)).toEqual(['shared', 'shared'])
    expect(first.requests).toHaveLength(2)
    const replaced = emulator.scope({ id: 'shared', reply: 'second' })
    const response = await fetch(`${emulator.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer sk-local', ...replaced.headers },
      body: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }] }),
    })
    expect((await response.json()).choices[0].message.content).toBe('second')
  })

  it('that cannot go out as a header are refused by scope(), saying what an id takes', () => {
    const takes =
      'The id of a scope is sent as its x-emulator-scope header: 1 to 200 visible ASCII characters; got'
    for (const [id, given] of [
      ['', '0 characters'],
      ['x'.repeat(201), '201 characters'],
      ['my scope', 'one with a space, a control or a non-ASCII character'],
      ['line\nbreak', 'one with a space, a control or a non-ASCII character'],
      ['café', 'one with a space, a control or a non-ASCII character'],
      [42, 'a number'],
      [null, 'null'],
    ] as const) {
      expect(() => emulator.scope({ id: id as string })).toThrow(new TypeError(`${takes} ${given}`))
    }
  })
})
