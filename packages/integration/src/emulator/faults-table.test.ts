import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import {
  FAULT_HEADER,
  FAULTS,
  type FaultName,
  startTestEmulator,
  type TestEmulator,
} from '@chatwire/emulator/testing'
import { createOpenAI } from '@chatwire/openai'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

// The emulator's README tells its users what each fault does to a chatwire client; this runs every fault
// through one and checks the table says exactly that, so the table cannot drift from the client.
const README = fileURLToPath(new URL('../../../../apps/emulator/README.md', import.meta.url))
const START = '<!-- client-faults:start -->'
const END = '<!-- client-faults:end -->'

/** The client of the table: one retry, and an idle timeout shorter than a stall. */
const CLIENT = { maxRetries: 1, idleTimeout: 300 }
/** Parameters that keep the run short; every other fault runs as it is. */
const FAST: Partial<Record<FaultName, string>> = {
  rate_limit: 'rate_limit;retry_after_ms=10',
  latency: 'latency;ms=10',
  slow: 'slow;ms=5',
}
const request = { model: 'gpt-4o-mini', messages: [{ role: 'user' as const, content: 'one two three four' }] }

/** The checked cells of one row: fault, `complete()`, iterating `stream()`, `final()`'s outcome, requests. */
function readmeRows(): string[][] {
  const text = readFileSync(README, 'utf8')
  const table = text.slice(text.indexOf(START) + START.length, text.indexOf(END))
  return table
    .split('\n')
    .filter((line) => line.startsWith('| `'))
    .map((line) =>
      line
        .split('|')
        .slice(1, 6)
        .map((cell) => cell.trim()),
    )
}

const nameOf = (error: unknown): string => (error instanceof Error ? error.name : String(error))

async function observe(emulator: TestEmulator, spec: string): Promise<string[]> {
  const client = createOpenAI({ ...emulator.openai, ...CLIENT })
  const once = emulator.scope()
  let complete: string
  try {
    complete = `resolves, \`${(await client.complete(request, { headers: { ...once.headers, [FAULT_HEADER]: spec } })).outcome.type}\``
  } catch (error) {
    complete = `rejects ${nameOf(error)}`
  }
  const again = emulator.scope()
  const stream = client.stream(request, { headers: { ...again.headers, [FAULT_HEADER]: spec } })
  let iterated = 'ends'
  try {
    for await (const _event of stream) {
      // Read to the end.
    }
  } catch (error) {
    iterated = `throws ${nameOf(error)}`
  }
  const { outcome } = await stream.final()
  const final = outcome.type === 'error' ? `\`error\`: ${nameOf(outcome.error)}` : `\`${outcome.type}\``
  expect(again.requests).toHaveLength(once.requests.length)
  return [`\`${spec}\``, complete, iterated, final, String(once.requests.length)]
}

describe("the emulator README's table of what a chatwire client sees", () => {
  let emulator: TestEmulator
  beforeAll(async () => {
    emulator = await startTestEmulator()
  })
  afterAll(() => emulator.close())

  it('has a row for every fault', () => {
    const names = readmeRows().map(([fault]) => fault?.replace(/`/g, '').split(';')[0])
    expect(names).toEqual(Object.keys(FAULTS))
  })

  it('says what the client gets from each fault', async () => {
    const observed: string[][] = []
    for (const name of Object.keys(FAULTS) as FaultName[])
      observed.push(await observe(emulator, FAST[name] ?? name))
    expect(readmeRows()).toEqual(observed)
  })
})
