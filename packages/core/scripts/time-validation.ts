// Times validateRequest on large requests: `pnpm --filter @chatwire/core exec tsx --conditions=@chatwire/source
// scripts/time-validation.ts`. A figure for the report, not a test: timings vary from machine to machine.
import { InvalidRequestError } from '../src/index.js'
import { validateRequest } from '../src/schema/index.js'

function time(label: string, request: unknown): void {
  const started = performance.now()
  let issues = 0
  try {
    validateRequest(request)
  } catch (error) {
    if (!(error instanceof InvalidRequestError)) throw error
    issues = error.issues.length
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(2)
  console.log(`${label}: ${seconds} s${issues > 0 ? `, ${issues} issues reported` : ''}`)
}

const valid = Array.from({ length: 1_000_000 }, (_, index) => ({
  role: index % 2 === 0 ? 'user' : 'assistant',
  content: `message ${index}`,
}))
const invalid = Array.from({ length: 100_000 }, () => ({ role: 'user', content: 42 }))

time('1M valid messages', { model: 'gpt-4o-mini', messages: valid })
time('100k invalid messages', { model: 'gpt-4o-mini', messages: invalid })
time('100k invalid messages, top_logprobs without logprobs', {
  model: 'gpt-4o-mini',
  messages: invalid,
  top_logprobs: 3,
})
