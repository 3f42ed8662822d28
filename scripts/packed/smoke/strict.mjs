// Under pnpm's strict layout, with only @chatwire/openai installed: core's API comes from the adapter, and
// core itself cannot be imported (it is not a dependency of this project).
import assert from 'node:assert/strict'
import { ChatError, createOpenAI, InvalidRequestError, outcome, RateLimitError } from '@chatwire/openai'
// Core's entries of their own, at the same subpaths of the adapter.
import { errorFromBody } from '@chatwire/openai/error-body'
import { isRetryable, retryDelay } from '@chatwire/openai/retry'

assert.equal(typeof createOpenAI, 'function')
assert.equal(typeof outcome, 'function')
assert.ok(new RateLimitError('slow down') instanceof ChatError)
const limited = new RateLimitError('slow down', {
  status: 429,
  headers: new Headers({ 'retry-after-ms': '1000' }),
})
assert.equal(isRetryable(limited), true)
assert.equal(retryDelay(1, limited, { maxRetries: 2, maxRetryDelay: 8000 }), 1000)
const invalid = errorFromBody(400, { error: { message: 'Invalid temperature', param: 'temperature' } })
assert.ok(invalid instanceof InvalidRequestError)
assert.equal(invalid.path, 'temperature')
await assert.rejects(import('@chatwire/core'), { code: 'ERR_MODULE_NOT_FOUND' })
await assert.rejects(import('@chatwire/core/retry'), { code: 'ERR_MODULE_NOT_FOUND' })
console.log('strict.mjs: ok')
