// Strict TypeScript against the installed tarballs' types: one adapter import gives core's types and errors.
import assert from 'node:assert/strict'
import { startTestEmulator } from '@chatwire/emulator/testing'
import {
  type ChatMessage,
  type ChatResult,
  createOpenAI,
  type DeltaEvent,
  InvalidRequestError,
  type Outcome,
  RateLimitError,
} from '@chatwire/openai'

function describe(outcome: Outcome): string {
  switch (outcome.type) {
    case 'stop':
      return 'finished'
    case 'error':
      return outcome.error.name
    default:
      return outcome.type
  }
}

const emulator = await startTestEmulator()
try {
  const openai = createOpenAI({ ...emulator.openai, maxRetries: 0 })
  const messages: ChatMessage[] = [{ role: 'user', content: 'Hello there' }]
  const events: DeltaEvent[] = []
  const stream = openai.stream({ model: 'gpt-4o-mini', messages })
  for await (const event of stream) events.push(event)
  const result: ChatResult = await stream.final()
  assert.equal(describe(result.outcome), 'finished')
  assert.equal(result.text, 'You said: Hello there')
  assert.ok(events.some((event) => event.type === 'content.delta'))

  const invalid = await openai.complete({ model: 'gpt-4o-mini', messages: [], temperature: 7 }).then(
    () => undefined,
    (error: unknown) => error,
  )
  assert.ok(invalid instanceof InvalidRequestError)
  const limited = await openai
    .complete(
      { model: 'gpt-4o-mini', messages },
      { headers: { 'x-emulator-fault': 'rate_limit;retry_after_ms=1500' } },
    )
    .then(
      () => undefined,
      (error: unknown) => error,
    )
  assert.ok(limited instanceof RateLimitError)
  const delay: number | undefined = limited.retryAfterMs
  assert.equal(delay, 1500)
} finally {
  await emulator.close()
}
console.log('smoke.ts: ok')
