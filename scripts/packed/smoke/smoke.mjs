// Plain JavaScript against the installed tarballs: every adapter streams from the emulator, errors keep their
// class, and `npx @chatwire/emulator` (the bin) answers.
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { createAzureInference, createAzureOpenAI } from '@chatwire/azure'
import { fault, faultHeaders, startTestEmulator } from '@chatwire/emulator/testing'
import { createFetchClient } from '@chatwire/fetch'
import { ChatError, createOpenAI, InvalidRequestError, outcome, RateLimitError } from '@chatwire/openai'
import { ChatRequestSchema, validateRequest } from '@chatwire/openai/schema'

const messages = [{ role: 'user', content: 'Hello there' }]

// The schemas and validateRequest come from the adapter's /schema entry.
assert.equal(typeof ChatRequestSchema, 'object')
assert.throws(
  () => validateRequest({ model: 'gpt-4o-mini', messages: [], temperature: 7 }),
  InvalidRequestError,
)
const emulator = await startTestEmulator()
try {
  const clients = {
    openai: createOpenAI({ ...emulator.openai, maxRetries: 0 }),
    azureOpenAI: createAzureOpenAI({ ...emulator.azureOpenAI, deployment: 'gpt-4o-mini', maxRetries: 0 }),
    azureInference: createAzureInference({ ...emulator.azureInference, maxRetries: 0 }),
    fetch: createFetchClient({
      url: `${emulator.openai.baseURL}/chat/completions`,
      headers: { authorization: `Bearer ${emulator.openai.apiKey}` },
      maxRetries: 0,
    }),
  }
  for (const [name, client] of Object.entries(clients)) {
    // Azure names the model by the deployment (or the endpoint's default); the others by `model`.
    const request = name.startsWith('azure') ? { messages } : { model: 'gpt-4o-mini', messages }
    const stream = client.stream(request)
    let text = ''
    for await (const event of stream) if (event.type === 'content.delta') text += event.delta
    const result = await stream.final()
    assert.equal(text, 'You said: Hello there', name)
    assert.equal(result.text, text, name)
    assert.equal(result.outcome.type, 'stop', name)
    assert.equal(outcome({ completion: result.completion }).type, 'stop', name)
    const failure = await client.complete(request, { headers: faultHeaders(fault('rate_limit')) }).then(
      () => undefined,
      (error) => error,
    )
    assert.ok(failure instanceof RateLimitError, `${name}: ${failure}`)
    assert.ok(failure instanceof ChatError, name)
  }
} finally {
  await emulator.close()
}

const bin = spawn('node_modules/.bin/chatwire-emulator', ['--port', '0', '--quiet'], {
  stdio: ['ignore', 'pipe', 'inherit'],
})
try {
  const url = await new Promise((resolve, reject) => {
    let out = ''
    bin.stdout.on('data', (data) => {
      out += data
      const found = /listening on (http:\/\/\S+)/.exec(out)
      if (found) resolve(found[1])
    })
    bin.once('exit', (code) =>
      reject(new Error(`the emulator bin exited (${code}) before listening:\n${out}`)),
    )
  })
  const health = await fetch(`${url}/health`)
  assert.equal(health.status, 200)
} finally {
  bin.kill('SIGTERM')
}
console.log('smoke.mjs: ok')
