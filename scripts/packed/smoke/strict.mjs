// Under pnpm's strict layout, with only @chatwire/openai installed: core's API comes from the adapter, and
// core itself cannot be imported (it is not a dependency of this project).
import assert from 'node:assert/strict'
import { ChatError, createOpenAI, outcome, RateLimitError } from '@chatwire/openai'

assert.equal(typeof createOpenAI, 'function')
assert.equal(typeof outcome, 'function')
assert.ok(new RateLimitError('slow down') instanceof ChatError)
await assert.rejects(import('@chatwire/core'), { code: 'ERR_MODULE_NOT_FOUND' })
console.log('strict.mjs: ok')
